package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.history.InMemoryHistoryStore;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Automated rollback on the fault-injecting target in virtual time: a failure in wave 2 of 3, or a
 * health gate that never passes, takes the target back to exactly the last good state; that
 * revision is not applied again; a newer good commit goes through.
 */
class RollbackThatSticksTest {
  static final ResourceId NS = ResourceId.of("Namespace", "shop");
  static final ResourceId DB = ResourceId.of("Deployment", "shop", "db");
  static final ResourceId CFG = ResourceId.of("ConfigMap", "shop", "settings");
  static final ResourceId WEB = ResourceId.of("Deployment", "shop", "web");
  static final ResourceId API = ResourceId.of("Deployment", "shop", "api");

  final VirtualClock clock = VirtualClock.create();
  final InMemoryTarget target = InMemoryTarget.create(clock);
  final InMemoryHistoryStore history = InMemoryHistoryStore.create();
  final java.util.List<GitOpsEvent> events = new ArrayList<>();
  final DefaultReconciler reconciler =
      DefaultReconciler.builder()
          .target(target)
          .scheduler(clock)
          .history(history)
          .rollout(
              Rollout.waves()
                  .maxParallel(2)
                  .healthTimeout(Duration.ofMinutes(10))
                  .healthInterval(Duration.ofSeconds(5)))
          .rollback(Rollback.toLastKnownGood())
          .listener(events::add)
          .build();

  static Revision rev(String c) {
    return new Revision(c.repeat(40).substring(0, 40), "main", Instant.EPOCH, "commit " + c);
  }

  static Resource res(ResourceId id, String version, ResourceId... deps) {
    Node.Obj body =
        Node.obj(
            "kind",
            Node.str(id.kind()),
            "metadata",
            Node.obj("name", Node.str(id.name())),
            "spec",
            Node.obj("image", Node.str(id.name() + ":" + version)));
    return new Resource(id, body, TreeSet.of(deps), Option.none());
  }

  /** Three waves: the namespace, then db and settings, then web (and api when given). */
  static DesiredState state(String commit, String version, boolean withApi) {
    List<Resource> all =
        List.of(
            res(NS, "1"), res(DB, version, NS), res(CFG, version, NS), res(WEB, version, DB, CFG));
    return DesiredState.of(rev(commit), withApi ? all.append(res(API, version, DB)) : all);
  }

  private int writes() {
    return target.calls().count(c -> c.operation().isWrite());
  }

  @Test
  void aFailureInWave2Of3RollsBackToExactlyTheLastGoodStateAndSticks() {
    assertThat(reconciler.reconcile(state("a", "1", false)).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
    ActualState good = target.snapshot();

    target.failWrites(CFG).always().permanently();
    ReconcileResult bad = reconciler.reconcile(state("b", "2", true));
    assertThat(bad.status()).isEqualTo(ReconcileResult.Status.ROLLED_BACK);
    assertThat(bad.failure().get().message()).contains("injected");
    assertThat(bad.rollback().get().to()).isEqualTo(rev("a"));
    assertThat(bad.rollback().get().succeeded()).isTrue();
    target.healAll();
    assertThat(target.snapshot()).isEqualTo(good);
    assertThat(events)
        .anyMatch(e -> e instanceof GitOpsEvent.RollbackStarted)
        .anyMatch(e -> e instanceof GitOpsEvent.RollbackFinished f && f.succeeded());

    int before = writes();
    ReconcileResult again = reconciler.reconcile(state("b", "2", true));
    assertThat(again.status()).isEqualTo(ReconcileResult.Status.PINNED);
    assertThat(again.note().get())
        .startsWith("revision " + rev("b").shortId() + " failed at ")
        .contains("pinned at " + rev("a").shortId());
    assertThat(writes()).isEqualTo(before);
    assertThat(target.snapshot()).isEqualTo(good);

    ReconcileResult newer = reconciler.reconcile(state("c", "3", true));
    assertThat(newer.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(target.get(API)).isNotEmpty();
    assertThat(history.lastKnownGood().get().revision()).isEqualTo(rev("c"));
    assertThat(history.records().map(HistoryRecord::outcome))
        .containsExactly(
            HistoryRecord.Outcome.SUCCEEDED,
            HistoryRecord.Outcome.ROLLED_BACK,
            HistoryRecord.Outcome.SKIPPED,
            HistoryRecord.Outcome.SUCCEEDED);
  }

  @Test
  void aHealthGateThatNeverPassesRollsBackInVirtualTime() {
    reconciler.reconcile(state("a", "1", false));
    ActualState good = target.snapshot();
    target.health(
        WEB,
        HealthScript.when(
            doc -> doc.toString().contains("web:2"),
            HealthScript.neverHealthy(),
            HealthScript.healthy()));
    Instant start = clock.instant();

    ReconcileResult bad = reconciler.reconcile(state("b", "2", false));
    assertThat(bad.status()).isEqualTo(ReconcileResult.Status.ROLLED_BACK);
    assertThat(bad.failure().get().message()).contains("health gate failed").contains("web");
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(target.snapshot()).isEqualTo(good);
    assertThat(events)
        .anyMatch(e -> e instanceof GitOpsEvent.HealthChanged h && h.id().equals(WEB));

    assertThat(reconciler.reconcile(state("b", "2", false)).status())
        .isEqualTo(ReconcileResult.Status.PINNED);
    assertThat(reconciler.reconcile(state("c", "3", false)).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
  }

  @Test
  void transientFailuresAreRetriedAndNeverRolledBack() {
    target.failWrites(CFG).times(2).transiently();
    ReconcileResult r = reconciler.reconcile(state("a", "1", false));
    assertThat(r.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(events.stream().filter(e -> e instanceof GitOpsEvent.ChangeRetried)).hasSize(2);
  }

  @Test
  void aManualRollbackSticksUntilANewerCommitAndTheMarkCanBeCleared() {
    reconciler.reconcile(state("a", "1", false));
    ActualState atA = target.snapshot();
    reconciler.reconcile(state("b", "2", false));

    ReconcileResult back = reconciler.rollbackTo(state("a", "1", false));
    assertThat(back.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(target.snapshot()).isEqualTo(atA);
    assertThat(reconciler.reconcile(state("b", "2", false)).status())
        .isEqualTo(ReconcileResult.Status.PINNED);

    assertThat(reconciler.clearFailed(rev("b").commit())).isTrue();
    assertThat(reconciler.reconcile(state("b", "2", false)).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
  }

  @Test
  void suspendedTargetsAndDryRunsWriteNothing() {
    reconciler.suspend("maintenance window");
    ReconcileResult s = reconciler.reconcile(state("a", "1", false));
    assertThat(s.status()).isEqualTo(ReconcileResult.Status.SUSPENDED);
    assertThat(s.note()).contains("suspended: maintenance window");
    assertThat(writes()).isZero();
    reconciler.resume();

    DefaultReconciler dry =
        DefaultReconciler.builder()
            .target(target)
            .scheduler(clock)
            .dryRun(true)
            .listener(events::add)
            .build();
    ReconcileResult d = dry.reconcile(state("a", "1", false));
    assertThat(d.status()).isEqualTo(ReconcileResult.Status.DRY_RUN);
    assertThat(d.applied()).hasSize(4);
    assertThat(writes()).isZero();
    assertThat(events).anyMatch(e -> e instanceof GitOpsEvent.WaveStarted);
  }

  @Test
  void aNewerRevisionCancelsAPendingHealthWaitWithoutRollingBack() {
    reconciler.reconcile(state("a", "1", false));
    target.health(
        WEB,
        (doc, check, since) -> {
          if (check == 3) {
            reconciler.announce(rev("c"));
          }
          return dev.gitops4j.api.target.Health.progressing("waiting");
        });
    ReconcileResult waiting = reconciler.reconcile(state("b", "2", false));
    assertThat(waiting.status()).isEqualTo(ReconcileResult.Status.CANCELLED);
    assertThat(waiting.rollback()).isEmpty();
    assertThat(history.failed(rev("b").commit())).isEmpty();
    target.health(WEB, HealthScript.healthy());
    assertThat(reconciler.reconcile(state("c", "3", false)).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
  }
}
