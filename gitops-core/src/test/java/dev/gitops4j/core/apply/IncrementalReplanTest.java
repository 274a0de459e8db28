package dev.gitops4j.core.apply;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Normalizer;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-planning through the facade, a real Git repository, a {@link DirectoryTarget} and a {@link
 * FileStateStore} merges and diffs only the resources a commit (or an edit on the target) touched.
 * A counting {@link Normalizer} in the plan options sees every resource the planner compares in
 * full; the memo answers the others without normalising them.
 */
class IncrementalReplanTest {
  static final int N = 40;
  @TempDir Path tmp;
  GitFixture git;
  Path out;
  final ConcurrentHashMap<ResourceId, Integer> compared = new ConcurrentHashMap<>();
  final Normalizer counting =
      (id, doc) -> {
        compared.merge(id, 1, Integer::sum);
        return doc;
      };
  final PlanOptions options = PlanOptions.DEFAULTS.withNormalizer(counting);

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
    out = tmp.resolve("out");
    for (int i = 0; i < N; i++) {
      write(i, "v1");
    }
    git.commit("first");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private void write(int i, String value) {
    git.write(
        "cms/cm-" + i + ".yaml",
        manifest("ConfigMap", "app", "cm-" + i, "data:\n  value: " + value + "\n"));
  }

  private static ResourceId id(int i) {
    return ResourceId.of("ConfigMap", "app", "cm-" + i);
  }

  private GitOps gitops(boolean dryRun) {
    return GitOps.builder()
        .repository(GitRepository.local(git.dir()))
        .target(DirectoryTarget.at(out))
        .stateStore(FileStateStore.at(tmp.resolve("state")))
        .selfHeal(true)
        .dryRun(dryRun)
        .build();
  }

  private Plan plan(GitOps g) {
    compared.clear();
    return g.plan(options).get();
  }

  private static List<ResourceId> updated(Plan plan) {
    return plan.changes().map(Change::id).toJavaList();
  }

  @Test
  void aCommitTouchingThreeFilesDiffsOnlyThoseThree() {
    try (GitOps g = gitops(false)) {
      assertThat(g.reconcile().get().succeeded()).isTrue();
      assertThat(plan(g).isEmpty()).isTrue();
      assertThat(compared).hasSize(N); // the first plan against the written files: all of them

      assertThat(plan(g).isEmpty()).isTrue();
      assertThat(compared).isEmpty(); // nothing changed: the memo answers every resource

      write(3, "v2");
      write(17, "v2");
      write(29, "v2");
      git.commit("three files");
      Plan plan = plan(g);
      assertThat(updated(plan)).containsExactly(id(17), id(29), id(3));
      assertThat(compared.keySet()).containsExactlyInAnyOrder(id(3), id(17), id(29));

      compared.clear();
      ReconcileResult applied = g.reconcile(options).get();
      assertThat(applied.succeeded()).isTrue();
      assertThat(applied.applied()).hasSize(3);
      assertThat(compared).isEmpty(); // the same inputs as the plan before: answered by the memo

      // the three were written (target file and last-applied document): compared once more, then
      // answered by the memo again
      assertThat(plan(g).isEmpty()).isTrue();
      assertThat(compared.keySet()).containsExactlyInAnyOrder(id(3), id(17), id(29));
      assertThat(plan(g).isEmpty()).isTrue();
      assertThat(compared).isEmpty();
    }
  }

  @Test
  void anEditOnTheTargetIsSeenEvenWithTheSameSizeAndModificationTime() throws Exception {
    try (GitOps g = gitops(false)) {
      assertThat(g.reconcile().get().succeeded()).isTrue();
      plan(g);
      Path file = DirectoryTarget.at(out).fileOf(id(5));
      FileTime before = Files.getLastModifiedTime(file);
      String text = Files.readString(file);
      assertThat(text).contains("value: v1");
      Files.writeString(file, text.replace("value: v1", "value: v9"));
      Files.setLastModifiedTime(file, before);

      Plan plan = plan(g);
      assertThat(compared.keySet()).containsExactly(id(5));
      Change.Update drift = (Change.Update) plan.changes().single();
      assertThat(drift.id()).isEqualTo(id(5));
      assertThat(drift.fields().single().before()).contains(Node.str("v9"));
    }
  }

  @Test
  void aLastAppliedDocumentEditedBehindTheStoresBackIsSeen() throws Exception {
    try (GitOps g = gitops(false)) {
      write(7, "v1\n  extra: x");
      git.commit("extra field");
      assertThat(g.reconcile().get().succeeded()).isTrue();
      plan(g);
      // the store's record of cm-7 loses "extra": Git never declared it, so it is now foreign
      Path applied = tmp.resolve("state/applied");
      List<Path> records;
      try (var files = Files.list(applied)) {
        records = files.collect(Collectors.toCollection(ArrayList::new));
      }
      Path record =
          records.stream()
              .filter(p -> readQuietly(p).contains("cm-7") && readQuietly(p).contains("extra"))
              .findFirst()
              .orElseThrow();
      FileTime before = Files.getLastModifiedTime(record);
      String text = Files.readString(record);
      Files.writeString(record, text.replace("\"extra\"", "\"other\""));
      Files.setLastModifiedTime(record, before);

      write(7, "v1");
      git.commit("extra removed from Git");
      Plan plan = plan(g);
      assertThat(compared.keySet()).containsExactly(id(7));
      // the edited record no longer says Git declared "extra": it is kept as someone else's
      assertThat(plan.isEmpty()).isTrue();
    }
  }

  @Test
  void dryRunReconcilesReplanIncrementallyToo() {
    try (GitOps writer = gitops(false)) {
      assertThat(writer.reconcile().get().succeeded()).isTrue();
    }
    try (GitOps g = gitops(true)) {
      compared.clear();
      g.reconcile(options).get();
      assertThat(compared).hasSize(N);
      compared.clear();
      g.reconcile(options).get();
      assertThat(compared).isEmpty();
      write(11, "v2");
      git.commit("one file");
      compared.clear();
      ReconcileResult result = g.reconcile(options).get();
      assertThat(compared.keySet()).containsExactly(id(11));
      assertThat(result.plan().changes().map(Change::id)).containsExactly(id(11));
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
