package dev.gitops4j.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.rollout.RateLimit;
import dev.gitops4j.api.rollout.Retry;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.health.HealthChecks;
import dev.gitops4j.core.health.HealthGate;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RolloutExecutorTest {
  static final Revision REV = new Revision("c0ffee", "main", Instant.EPOCH, "test");
  final ManualScheduler time = new ManualScheduler();
  final java.util.List<GitOpsEvent> events = Collections.synchronizedList(new ArrayList<>());
  final ConcurrentHashMap<ResourceId, Health> health = new ConcurrentHashMap<>();

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
        public Health health(ResourceId id) {
          return health.getOrDefault(id, Health.healthy());
        }

        @Override
        public String describe() {
          return "test";
        }
      };

  static Change create(String name) {
    return new Change.Create(ResourceId.of("ConfigMap", "app", name), Node.Obj.EMPTY);
  }

  static Seq<Seq<Change>> waves(int waves, int perWave) {
    return List.range(0, waves).map(w -> List.range(0, perWave).map(i -> create(w + "-" + i)));
  }

  RolloutExecutor executor(Rollout rollout) {
    return new RolloutExecutor(
        rollout,
        time,
        new HealthGate(target, HealthChecks.byTarget(), time),
        events::add,
        42,
        null,
        rollout.rateLimit().map(l -> new TokenBucket(l, time)).getOrNull());
  }

  @Test
  void neverMoreInFlightThanMaxParallel() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    RolloutExecutor.Result r =
        executor(Rollout.waves().maxParallel(3))
            .run(
                REV,
                waves(2, 40),
                c -> {
                  int now = inFlight.incrementAndGet();
                  peak.accumulateAndGet(now, Math::max);
                  Thread.sleep(1);
                  inFlight.decrementAndGet();
                },
                true,
                () -> false);
    assertThat(r.failure()).isEmpty();
    assertThat(r.applied()).hasSize(80);
    assertThat(peak.get()).isBetween(2, 3);
  }

  @Test
  void wavesNeverOverlap() {
    java.util.List<String> order = Collections.synchronizedList(new ArrayList<>());
    executor(Rollout.waves().maxParallel(8))
        .run(REV, waves(3, 10), c -> order.add(c.id().name()), true, () -> false);
    for (int i = 0; i < order.size() - 1; i++) {
      assertThat(order.get(i).charAt(0)).isLessThanOrEqualTo(order.get(i + 1).charAt(0));
    }
    assertThat(events.stream().filter(e -> e instanceof GitOpsEvent.WaveStarted)).hasSize(3);
  }

  @Test
  void stepsFollowTheStrategy() {
    assertThat(steps(Rollout.allAtOnce())).isEqualTo(1);
    assertThat(steps(Rollout.waves())).isEqualTo(3);
    assertThat(steps(Rollout.batches(4))).isEqualTo(3);
    assertThat(steps(Rollout.batchesPercent(50))).isEqualTo(2);
    assertThat(steps(Rollout.canary(2))).isEqualTo(2);
  }

  private long steps(Rollout rollout) {
    events.clear();
    executor(rollout).run(REV, waves(3, 3), c -> {}, true, () -> false);
    return events.stream().filter(e -> e instanceof GitOpsEvent.WaveStarted).count();
  }

  @Test
  void transientErrorsAreRetriedWithGrowingBackoff() {
    AtomicInteger calls = new AtomicInteger();
    RolloutExecutor.Result r =
        executor(
                Rollout.waves()
                    .retry(new Retry(4, Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.0)))
            .run(
                REV,
                waves(1, 1),
                c -> {
                  if (calls.incrementAndGet() < 4) {
                    throw TargetException.transientFailure("throttled");
                  }
                },
                false,
                () -> false);
    assertThat(r.failure()).isEmpty();
    assertThat(r.changes().head().attempts()).isEqualTo(4);
    assertThat(time.sleeps)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(events.stream().filter(e -> e instanceof GitOpsEvent.ChangeRetried)).hasSize(3);
  }

  @Test
  void jitterShortensBackoffWithinItsFraction() {
    Retry retry = new Retry(2, Duration.ofSeconds(10), Duration.ofSeconds(10), 2.0, 0.5);
    assertThat(retry.backoff(1, 0.0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(retry.backoff(1, 0.999)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(retry.backoff(9, 0.0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void permanentErrorsStopTheRolloutAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    RolloutExecutor.Result r =
        executor(Rollout.waves().maxParallel(1))
            .run(
                REV,
                waves(3, 2),
                c -> {
                  calls.incrementAndGet();
                  if (c.id().name().equals("1-0")) {
                    throw new TargetException("rejected");
                  }
                },
                false,
                () -> false);
    assertThat(r.failure()).isNotEmpty();
    assertThat(r.failure().get().message()).isEqualTo("rejected");
    assertThat(calls.get()).isEqualTo(3);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aHealthGateThatNeverPassesFailsAfterItsTimeoutInVirtualTime() {
    health.put(ResourceId.of("ConfigMap", "app", "0-1"), Health.progressing("waiting"));
    RolloutExecutor.Result r =
        executor(
                Rollout.waves()
                    .healthTimeout(Duration.ofHours(1))
                    .healthInterval(Duration.ofSeconds(10)))
            .run(REV, waves(2, 2), c -> {}, true, () -> false);
    assertThat(r.failure().get().message()).contains("health gate failed").contains("0-1");
    assertThat(r.applied()).hasSize(2);
    assertThat(time.instant()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
  }

  @Test
  void aNewerRevisionCancelsAPendingHealthWait() {
    health.put(ResourceId.of("ConfigMap", "app", "0-0"), Health.progressing("waiting"));
    AtomicInteger polls = new AtomicInteger();
    RolloutExecutor.Result r =
        executor(Rollout.waves())
            .run(REV, waves(2, 1), c -> {}, true, () -> polls.incrementAndGet() > 3);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.failure()).isEmpty();
    assertThat(r.applied()).hasSize(1);
  }

  @Test
  void theCanaryPausesAfterItsGate() {
    executor(Rollout.canary(1).pause(Duration.ofMinutes(7)))
        .run(REV, waves(1, 3), c -> {}, true, () -> false);
    assertThat(time.sleeps).contains(Duration.ofMinutes(7));
  }

  @Test
  void theRateLimitPacesChangesOnTheSchedulersClock() {
    executor(Rollout.allAtOnce().maxParallel(1).rateLimit(new RateLimit(10, 1)))
        .run(REV, waves(1, 21), c -> {}, false, () -> false);
    assertThat(time.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
  }

  @Test
  void aSlowChangeTimesOut() {
    RolloutExecutor.Result r =
        executor(Rollout.waves().changeTimeout(Duration.ofSeconds(5)).retry(Retry.NONE))
            .run(REV, waves(1, 1), c -> time.advance(Duration.ofSeconds(6)), false, () -> false);
    assertThat(r.failure().get().message()).contains("no answer within PT5S");
    assertThat(Option.of(r.changes().head().succeeded())).contains(false);
  }
}
