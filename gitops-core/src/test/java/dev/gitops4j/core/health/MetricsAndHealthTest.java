package dev.gitops4j.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.metrics.MetricsListener;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsAndHealthTest {
  static final Revision REV = new Revision("c0ffee", "main", Instant.EPOCH, "test");
  static final ResourceId WEB = ResourceId.of("Deployment", "app", "web");

  final Target target =
      new Target() {
        @Override
        public ActualState observe() {
          return ActualState.EMPTY;
        }

        @Override
        public void put(ResourceId id, Node.Obj document) {}

        @Override
        public void delete(ResourceId id) {}

        @Override
        public String describe() {
          return "test";
        }
      };

  @Test
  void aCheckPerKindOverridesTheTargetAndAThrowingCheckIsUnknown() {
    HealthChecks checks =
        HealthChecks.byTarget()
            .with("Deployment", (id, t) -> Health.progressing("1 of 3 ready"))
            .with(
                "Job",
                (id, t) -> {
                  throw new IllegalStateException("boom");
                });
    assertThat(checks.check(WEB, target)).isEqualTo(Health.progressing("1 of 3 ready"));
    assertThat(checks.check(ResourceId.of("ConfigMap", "app", "x"), target).isHealthy()).isTrue();
    assertThat(checks.check(ResourceId.of("Job", "app", "x"), target).status())
        .isEqualTo(Health.Status.UNKNOWN);
  }

  @Test
  void metricsCountAndTimeEvents() {
    MetricsListener m = new MetricsListener();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    m.onEvent(new GitOpsEvent.ReconcileStarted(t0, REV, "test"));
    m.onEvent(new GitOpsEvent.WaveStarted(t0, REV, 1, 1, 2));
    m.onEvent(new GitOpsEvent.ChangeApplied(t0, REV, WEB, Change.Action.CREATE));
    m.onEvent(
        new GitOpsEvent.ChangeRetried(
            t0, REV, WEB, Change.Action.UPDATE, 1, Duration.ofSeconds(1), "throttled"));
    m.onEvent(new GitOpsEvent.ChangeFailed(t0, REV, WEB, Change.Action.UPDATE, "no"));
    m.onEvent(new GitOpsEvent.WaveFinished(t0.plusSeconds(3), REV, 1, 1, 1, true));
    m.onEvent(new GitOpsEvent.RollbackStarted(t0, REV, REV, "no"));
    m.onEvent(new GitOpsEvent.RollbackFinished(t0, REV, REV, true, 1));
    m.onEvent(
        new GitOpsEvent.ReconcileFinished(
            t0.plusSeconds(5), REV, ReconcileResult.Status.ROLLED_BACK));
    assertThat(m.count("gitops.change.applied{action=create}")).isEqualTo(1);
    assertThat(m.count("gitops.change.failed{action=update}")).isEqualTo(1);
    assertThat(m.count("gitops.change.retried")).isEqualTo(1);
    assertThat(m.count("gitops.rollback.finished{succeeded=true}")).isEqualTo(1);
    assertThat(m.count("gitops.reconcile.count{status=rolled_back}")).isEqualTo(1);
    assertThat(m.timers().get("gitops.reconcile.duration").get().total())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(m.timers().get("gitops.wave.duration").get().max()).isEqualTo(Duration.ofSeconds(3));
  }
}
