package dev.gitops4j.testkit;

import static dev.gitops4j.testkit.GitOpsAssertions.assertThat;
import static dev.gitops4j.testkit.GitOpsAssertions.assertThatProblems;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitOps;
import org.junit.jupiter.api.Test;

/** Each assertion passes on what is true and fails, with a useful message, on what is not. */
@GitOpsTest
class GitOpsAssertionsTest {
  static final String WEB =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: app\ndata:\n  color: green\n";
  static final String API =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: app\nspec:\n  replicas: 2\n";

  @Test
  void planAssertions(InMemoryRepository repo, InMemoryTarget target, GitOps gitops) {
    repo.commit("one").put("web.yaml", WEB).put("api.yaml", API).done();
    assertThat(gitops.reconcile().get()).succeeded().applied("ConfigMap/app/web");
    repo.commit("two").put("web.yaml", WEB.replace("green", "blue")).put("api.yaml", API).done();
    ResourceId api = ResourceId.of("Deployment", "app", "api");
    target.putOutOfBand(api, target.get(api).get().with("spec", Node.obj("replicas", Node.num(5))));
    Plan plan = gitops.plan().get();
    assertThat(plan)
        .updates("ConfigMap/app/web")
        .updates("Deployment/app/api")
        .deletesNothing()
        .createsNothing()
        .isNotEmpty()
        .hasChangesExactly("update ConfigMap/app/web", "update Deployment/app/api");
    assertThatThrownBy(() -> assertThat(plan).creates("ConfigMap/app/web"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the plan to create ConfigMap/app/web")
        .hasMessageContaining("update ConfigMap/app/web");
    assertThatThrownBy(() -> assertThat(plan).isEmpty()).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(plan).leavesAlone("Deployment/app/api"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(plan).creates("not an id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kind/namespace/name");
  }

  @Test
  void problemAssertions(InMemoryRepository repo, GitOps gitops) {
    repo.commit("bad").put("apps/web.yaml", WEB + "data:\n  x: y\n").done();
    var problems = gitops.validate();
    assertThatProblems(problems).hasProblem("apps/web.yaml", 8, "duplicate-key").hasProblemCount(1);
    assertThatThrownBy(
            () -> assertThatProblems(problems).hasProblem("apps/web.yaml", 2, "duplicate-key"))
        .hasMessageContaining("apps/web.yaml:8: duplicate-key");
    assertThatThrownBy(() -> assertThatProblems(problems).hasNoProblems())
        .isInstanceOf(AssertionError.class);
    assertThat(problems.getError()).hasProblem("apps/web.yaml", "duplicate-key");
    assertThatThrownBy(() -> assertThat(gitops.reconcile()).succeeded())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("refused with problems")
        .hasMessageContaining("apps/web.yaml:8: duplicate-key");
  }

  @Test
  void targetAndResultAssertions(
      InMemoryRepository repo, InMemoryTarget target, GitOps gitops, EventRecorder events) {
    repo.commit("one").put("web.yaml", WEB).done();
    assertThat(gitops.reconcile().get()).succeeded().applied("ConfigMap/app/web");
    assertThat(target)
        .holds("ConfigMap/app/web")
        .withField("/data/color", "green")
        .withField("/metadata/name", Node.str("web"))
        .withoutField("/data/size");
    assertThat(target).holdsExactly("ConfigMap/app/web").wasWritten("ConfigMap/app/web", 1);
    assertThatThrownBy(
            () -> assertThat(target).holds("ConfigMap/app/web").withField("/data/color", "red"))
        .hasMessageContaining("/data/color = \"red\", but it is \"green\"");
    assertThatThrownBy(() -> assertThat(target).holds("ConfigMap/app/api"))
        .hasMessageContaining("holds ConfigMap/app/web");
    assertThat(gitops.reconcile().get()).isInSync().appliedNothing();
    target.failOn(ResourceId.of("ConfigMap", "app", "web"));
    repo.commit("two").put("web.yaml", WEB.replace("green", "red")).done();
    assertThat(gitops.reconcile().get()).failedOn("ConfigMap/app/web");
    assertThatThrownBy(() -> assertThat(gitops.reconcile().get()).succeeded())
        .hasMessageContaining("injected failure");
    assertThat(events)
        .containsInOrder(
            GitOpsEvent.ReconcileStarted.class,
            GitOpsEvent.ChangeApplied.class,
            GitOpsEvent.ReconcileFinished.class,
            GitOpsEvent.ChangeFailed.class)
        .has(4, GitOpsEvent.ReconcileStarted.class);
    assertThatThrownBy(() -> assertThat(events).hasNo(GitOpsEvent.ChangeFailed.class))
        .hasMessageContaining("ChangeFailed");
  }
}
