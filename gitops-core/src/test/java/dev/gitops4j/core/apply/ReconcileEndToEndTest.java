package dev.gitops4j.core.apply;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Git repository reconciled onto a real directory, through the public facade. */
class ReconcileEndToEndTest {
  @TempDir Path tmp;
  GitFixture git;
  Path out;
  Path state;
  List<GitOpsEvent> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
    out = tmp.resolve("out");
    state = tmp.resolve("state");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private GitOps gitops() {
    return GitOps.builder()
        .repository(GitRepository.local(git.dir()))
        .target(DirectoryTarget.at(out))
        .stateStore(FileStateStore.at(state))
        .listener(events::add)
        .build();
  }

  private ReconcileResult reconcile() {
    try (GitOps g = gitops()) {
      return g.reconcile().get();
    }
  }

  @Test
  void createsUpdatesAndPrunesThenPlansNothing() throws Exception {
    git.write("ns.yaml", manifest("Namespace", null, "prod", ""));
    git.write(
        "app.yaml",
        manifest(
                "Deployment",
                "prod",
                "web",
                "  annotations:\n    gitops4j.dev/depends-on: ConfigMap/prod/settings, Namespace/prod\nspec:\n  replicas: 2\n")
            + "---\n"
            + manifest("ConfigMap", "prod", "settings", "data:\n  color: blue\n"));
    git.write("old.yaml", manifest("ConfigMap", "prod", "legacy", "data:\n  x: \"1\"\n"));
    git.commit("initial");
    Files.createDirectories(out.resolve("ConfigMap/prod"));
    Files.writeString(
        out.resolve("ConfigMap/prod/hand-made.yaml"),
        "kind: ConfigMap\nmetadata:\n  name: hand-made\n");

    ReconcileResult first = reconcile();
    assertThat(first.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(first.applied().map(a -> a.id().toString()))
        .containsExactly(
            "ConfigMap/prod/legacy",
            "ConfigMap/prod/settings",
            "Namespace/prod",
            "Deployment/prod/web");
    assertThat(Files.readString(out.resolve("ConfigMap/prod/settings.yaml")))
        .isEqualTo(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: prod
              annotations:
                gitops4j.dev/owner: gitops4j
            data:
              color: blue
            """);
    assertThat(out.resolve("Namespace/_cluster/prod.yaml")).exists();

    git.write(
        "app.yaml",
        manifest(
                "Deployment",
                "prod",
                "web",
                "  annotations:\n    gitops4j.dev/depends-on: ConfigMap/prod/settings, Namespace/prod\nspec:\n  replicas: 3\n")
            + "---\n"
            + manifest("ConfigMap", "prod", "settings", "data:\n  color: green\n"));
    git.delete("old.yaml");
    git.commit("update and delete");

    try (GitOps g = gitops()) {
      Plan plan = g.plan().get();
      assertThat(plan.effectiveChanges().map(c -> c.action() + " " + c.id()))
          .containsExactly(
              "UPDATE ConfigMap/prod/settings",
              "UPDATE Deployment/prod/web",
              "DELETE ConfigMap/prod/legacy");
      Change.Update update = (Change.Update) plan.effectiveChanges().head();
      assertThat(update.patch()).hasSize(1);
      assertThat(update.patch().head().path()).isEqualTo("/data/color");
    }
    ReconcileResult second = reconcile();
    assertThat(second.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(Files.readString(out.resolve("ConfigMap/prod/settings.yaml")))
        .contains("color: green");
    assertThat(Files.readString(out.resolve("Deployment/prod/web.yaml"))).contains("replicas: 3");
    assertThat(out.resolve("ConfigMap/prod/legacy.yaml")).doesNotExist();
    assertThat(out.resolve("ConfigMap/prod/hand-made.yaml")).exists();

    ReconcileResult third = reconcile();
    assertThat(third.status()).isEqualTo(ReconcileResult.Status.IN_SYNC);
    assertThat(third.plan().isEmpty()).isTrue();
    assertThat(out.resolve("ConfigMap/prod/hand-made.yaml")).exists();

    FileStateStore store = FileStateStore.at(state);
    assertThat(store.inventory().ids().map(ResourceId::toString))
        .containsExactly("ConfigMap/prod/settings", "Deployment/prod/web", "Namespace/prod");
    assertThat(store.journal()).hasSize(3);
    assertThat(store.lastApplied().get().summary()).isEqualTo("update and delete");
    assertThat(events)
        .anyMatch(
            e -> e instanceof GitOpsEvent.ChangeApplied c && c.action() == Change.Action.DELETE);
  }

  @Test
  void anEmptyDesiredStateIsAProblemWhateverOptionsTheCallPlansWith() throws Exception {
    git.write("a.yaml", manifest("ConfigMap", "x", "a", ""));
    git.commit("one");
    assertThat(reconcile().succeeded()).isTrue();
    git.delete("a.yaml");
    git.write("empty.yaml", "# everything moved elsewhere\n---\n");
    git.commit("empty");
    // Built without prune, asked to prune for one call: the call's options decide.
    try (GitOps g =
        GitOps.builder()
            .repository(GitRepository.local(git.dir()))
            .target(DirectoryTarget.at(out))
            .stateStore(FileStateStore.at(state))
            .planOptions(new PlanOptions(false, false))
            .listener(events::add)
            .build()) {
      PlanOptions pruning = new PlanOptions(true, false);
      assertThat(g.plan(pruning).getError().map(p -> p.rule()))
          .containsExactly("empty-desired-state");
      assertThat(g.reconcile(pruning).getError().map(p -> p.rule()))
          .containsExactly("empty-desired-state");
      assertThat(events).anyMatch(e -> e instanceof GitOpsEvent.ValidationFailed);
      // Without prune, an empty state is nothing to do, not a problem.
      assertThat(g.plan().get().isEmpty()).isTrue();
    }
    assertThat(out.resolve("ConfigMap/x/a.yaml")).exists();
  }

  @Test
  void aFailingChangeStopsTheReconcileAndIsReported() throws Exception {
    git.write(
        "a.yaml",
        manifest("ConfigMap", "x", "a", "") + "---\n" + manifest("ConfigMap", "x", "b", ""));
    git.commit("two");
    Files.createDirectories(out.resolve("ConfigMap"));
    Files.createDirectories(out.resolve("ConfigMap/x/b.yaml"));
    ReconcileResult result = reconcile();
    assertThat(result.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(result.failure().get().id()).contains(ResourceId.of("ConfigMap", "x", "b"));
    assertThat(result.applied().map(a -> a.id().name())).containsExactly("a");
    assertThat(events).anyMatch(e -> e instanceof GitOpsEvent.ChangeFailed);
    assertThat(FileStateStore.at(state).lastApplied()).isEmpty();
  }

  @Test
  void aStalePlanRefusesToApply() throws Exception {
    git.write("a.yaml", manifest("ConfigMap", "x", "a", "data:\n  v: \"1\"\n"));
    git.commit("one");
    reconcile();
    git.write("a.yaml", manifest("ConfigMap", "x", "a", "data:\n  v: \"2\"\n"));
    git.commit("two");
    try (GitOps g = gitops()) {
      Plan plan = g.plan().get();
      Files.writeString(
          out.resolve("ConfigMap/x/a.yaml"),
          "kind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\nedited: by hand\n");
      ReconcileResult result = g.apply(plan);
      assertThat(result.status()).isEqualTo(ReconcileResult.Status.FAILED);
      assertThat(result.failure().get().message()).contains("stale plan");
      assertThat(Files.readString(out.resolve("ConfigMap/x/a.yaml"))).contains("edited: by hand");
    }
  }

  @Test
  void invalidInputTouchesNothing() throws Exception {
    git.write("a.yaml", manifest("ConfigMap", "x", "a", ""));
    git.write("b.yaml", "kind: ConfigMap\nmetadata: {}\n");
    git.commit("bad");
    try (GitOps g = gitops()) {
      var result = g.reconcile();
      assertThat(result.isInvalid()).isTrue();
      assertThat(result.getError().head().rule()).isEqualTo("missing-field");
    }
    assertThat(out).doesNotExist();
    assertThat(events).singleElement().isInstanceOf(GitOpsEvent.ValidationFailed.class);
  }
}
