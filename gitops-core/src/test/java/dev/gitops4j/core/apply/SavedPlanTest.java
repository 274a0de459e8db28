package dev.gitops4j.core.apply;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.plan.SavedPlan;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans saved as files, reviewed, and applied later: exactly as reviewed, or refused. */
class SavedPlanTest {
  static final ResourceId A = ResourceId.of("ConfigMap", "app", "a");
  static final ResourceId B = ResourceId.of("ConfigMap", "app", "b");
  @TempDir Path tmp;
  GitFixture git;
  Path out;

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
    out = tmp.resolve("out");
    git.write("a.yaml", manifest("ConfigMap", "app", "a", "data:\n  v: \"1\"\n"))
        .write("b.yaml", manifest("ConfigMap", "app", "b", "data:\n  v: \"1\"\n"))
        .commit("one");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private GitOps gitops(Path target) {
    return GitOps.builder()
        .repository(GitRepository.local(git.dir()))
        .target(DirectoryTarget.at(target))
        .stateStore(FileStateStore.at(tmp.resolve("state")))
        .build();
  }

  private SavedPlan saveAndReadBack(GitOps g) throws Exception {
    Plan plan = g.plan().get();
    Path file = tmp.resolve("plan.json");
    Files.writeString(file, g.save(plan).toJson());
    return SavedPlan.parse(file.toString(), Files.readString(file)).get();
  }

  @Test
  void aSavedPlanIsDeterministicAndAppliesLater() throws Exception {
    try (GitOps g = gitops(out)) {
      String first = g.save(g.plan().get()).toJson();
      assertThat(g.save(g.plan().get()).toJson()).isEqualTo(first);
      assertThat(first).contains("\"format\" : \"gitops4j-plan/1\"", "\"target\" : \"dir:" + out);
      SavedPlan saved = saveAndReadBack(g);
      git.write("a.yaml", manifest("ConfigMap", "app", "a", "data:\n  v: \"2\"\n")).commit("two");
      SavedPlan.Outcome outcome = g.apply(saved, false).get();
      assertThat(outcome.succeeded()).isTrue();
      assertThat(outcome.result().get().applied()).hasSize(2);
      assertThat(DirectoryTarget.at(out).get(A).get().at("/data/v")).contains(Node.str("1"));
    }
  }

  @Test
  void aStaleChangeIsRefusedAndNothingIsAppliedUnlessPartialIsAsked() throws Exception {
    try (GitOps g = gitops(out)) {
      g.reconcile().get();
      git.write("a.yaml", manifest("ConfigMap", "app", "a", "data:\n  v: \"2\"\n"))
          .write("b.yaml", manifest("ConfigMap", "app", "b", "data:\n  v: \"2\"\n"))
          .commit("two");
      SavedPlan saved = saveAndReadBack(g);
      Node.Obj edited = DirectoryTarget.at(out).get(B).get().with("extra", Node.str("x"));
      DirectoryTarget.at(out).put(B, edited);

      SavedPlan.Outcome refused = g.apply(saved, false).get();
      assertThat(refused.succeeded()).isFalse();
      assertThat(refused.result()).isEmpty();
      assertThat(refused.refused()).hasSize(1);
      assertThat(refused.refused().head().id()).isEqualTo(B);
      assertThat(refused.refused().head().reason()).contains("stale");
      assertThat(DirectoryTarget.at(out).get(A).get().at("/data/v")).contains(Node.str("1"));

      SavedPlan.Outcome partial = g.apply(saved, true).get();
      assertThat(partial.refused()).hasSize(1);
      assertThat(partial.result().get().applied()).hasSize(1);
      assertThat(DirectoryTarget.at(out).get(A).get().at("/data/v")).contains(Node.str("2"));
      assertThat(DirectoryTarget.at(out).get(B).get().at("/data/v")).contains(Node.str("1"));
    }
  }

  @Test
  void aPlanForAnotherTargetOrAnUnknownRevisionIsRefused() throws Exception {
    SavedPlan saved;
    try (GitOps g = gitops(out)) {
      saved = saveAndReadBack(g);
    }
    try (GitOps other = gitops(tmp.resolve("elsewhere"))) {
      var result = other.apply(saved, true);
      assertThat(result.isInvalid()).isTrue();
      assertThat(result.getError().map(Problem::rule)).containsExactly("plan-target");
      assertThat(tmp.resolve("elsewhere")).doesNotExist();
    }
    String forged = saved.toJson().replace(saved.commit(), "0".repeat(40));
    SavedPlan unknown = SavedPlan.parse("forged.json", forged).get();
    try (GitOps g = gitops(out)) {
      var result = g.apply(unknown, true);
      assertThat(result.getError().map(Problem::rule)).containsExactly("plan-revision");
      assertThat(out).doesNotExist();
    }
    assertThat(SavedPlan.parse("x.json", "{\"format\": \"other\"}").getLeft())
        .contains("not a saved plan");
    assertThat(SavedPlan.parse("x.json", "{").isLeft()).isTrue();
  }
}
