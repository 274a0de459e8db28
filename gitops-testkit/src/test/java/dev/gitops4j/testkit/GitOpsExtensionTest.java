package dev.gitops4j.testkit;

import static dev.gitops4j.testkit.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.core.GitOps;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@GitOpsTest
class GitOpsExtensionTest {
  static InMemoryTarget previous = InMemoryTarget.create();

  @Test
  void injectsOneWiredSetPerTest(
      InMemoryRepository repo,
      InMemoryTarget target,
      VirtualClock clock,
      GitOps gitops,
      InMemoryTarget again) {
    assertThat(again).isSameAs(target);
    assertThat(target).isNotSameAs(previous);
    previous = target;
    assertThat(gitops.scheduler()).isSameAs(clock);
    assertThat(target.scheduler()).isSameAs(clock);
    repo.commit("one")
        .put("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
        .done();
    clock.advance(Duration.ofMinutes(1));
    assertThat(gitops.reconcile().get()).succeeded();
    assertThat(target).holdsExactly("ConfigMap/a");
  }

  @Test
  void eachTestStartsEmpty(InMemoryRepository repo, InMemoryTarget target) {
    assertThat(repo.resolve().isLeft()).isTrue();
    assertThat(target).isEmpty();
    assertThat(target).isNotSameAs(previous);
    previous = target;
  }

  @Nested
  @GitOpsTest(path = "prod")
  class WithASubPath {
    @Test
    void readsOnlyThePath(InMemoryRepository repo, InMemoryTarget target, GitOps gitops) {
      repo.commit("two envs")
          .put("prod/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
          .put("dev/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")
          .done();
      gitops.reconcile();
      assertThat(target).holdsExactly("ConfigMap/a");
    }
  }
}
