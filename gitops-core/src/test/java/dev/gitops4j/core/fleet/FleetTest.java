package dev.gitops4j.core.fleet;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.fleet.FleetEvent;
import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.SyncStatus;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Repository;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.InMemoryStateStore;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers sharing one in-process coordination, reconciling real Git onto real directories. */
class FleetTest {
  @TempDir Path tmp;

  @Test
  void threeWorkersReconcileEverySyncOnceAndNeverOneSyncTwiceAtOnce() throws Exception {
    int syncCount = 60;
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write("app.yaml", manifest("ConfigMap", "apps", "web", "data:\n  color: blue\n"));
      git.commit("web");
      InProcessCoordination coordination = InProcessCoordination.create();
      Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
      AtomicInteger overlaps = new AtomicInteger();
      java.util.List<FleetEvent> events = new CopyOnWriteArrayList<>();
      java.util.List<Fleet> workers = new java.util.ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Fleet.Builder b =
            Fleet.builder()
                .worker("w" + w)
                .coordination(coordination)
                .parallelism(4)
                .listener(events::add);
        for (int i = 0; i < syncCount; i++) {
          String name = "tenant-" + i;
          Path out = tmp.resolve("out").resolve(name);
          b.sync(
              name,
              Duration.ofHours(1),
              lease -> {
                if (inFlight
                        .computeIfAbsent(lease.sync(), k -> new AtomicInteger())
                        .incrementAndGet()
                    > 1) {
                  overlaps.incrementAndGet();
                }
                attempts.computeIfAbsent(lease.sync(), k -> new AtomicInteger()).incrementAndGet();
                return GitOps.builder()
                    .repository(
                        new ClosingHook(GitRepository.local(git.dir()), inFlight.get(lease.sync())))
                    .target(DirectoryTarget.at(out))
                    .stateStore(new InMemoryStateStore())
                    .build();
              });
        }
        workers.add(b.build());
      }
      java.util.List<Thread> threads = new java.util.ArrayList<>();
      for (Fleet f : workers) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    while (!f.runOnce().isEmpty()) {
                      // claim until nothing is due
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      workers.forEach(Fleet::close);

      assertThat(overlaps).hasValue(0);
      assertThat(attempts).hasSize(syncCount);
      assertThat(attempts.values()).allSatisfy(a -> assertThat(a).hasValue(1));
      assertThat(coordination.statuses()).hasSize(syncCount);
      assertThat(coordination.statuses().map(SyncStatus::outcome).distinct())
          .containsExactly(SyncStatus.Outcome.APPLIED);
      for (int i = 0; i < syncCount; i++) {
        assertThat(tmp.resolve("out/tenant-" + i + "/ConfigMap/apps/web.yaml")).exists();
      }
      java.util.List<Long> tokens =
          events.stream()
              .filter(e -> e instanceof FleetEvent.SyncClaimed)
              .map(e -> ((FleetEvent.SyncClaimed) e).lease().token())
              .toList();
      assertThat(tokens).doesNotHaveDuplicates().hasSize(syncCount);
    }
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheOldHolderCanNeitherRenewNorRelease() {
    MutableClock clock = new MutableClock();
    InProcessCoordination c = InProcessCoordination.withClock(clock);
    c.register(List.of("a"));
    Lease first = c.claimDue("w1", List.of("a"), 10, Duration.ofSeconds(30)).single();
    assertThat(c.claimDue("w2", List.of("a"), 10, Duration.ofSeconds(30))).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    assertThat(c.holds(first)).isFalse();
    Lease second = c.claimDue("w2", List.of("a"), 10, Duration.ofSeconds(30)).single();
    assertThat(second.token()).isGreaterThan(first.token());
    assertThat(c.renew(first, Duration.ofSeconds(30))).isEmpty();
    SyncStatus stale =
        new SyncStatus(
            "a",
            SyncStatus.Outcome.APPLIED,
            io.vavr.control.Option.none(),
            io.vavr.control.Option.none(),
            clock.instant(),
            "w1",
            first.token());
    assertThat(c.release(first, stale, Duration.ofMinutes(1))).isFalse();
    assertThat(c.statuses()).isEmpty();
    assertThat(c.renew(second, Duration.ofSeconds(30))).hasSize(1);
    assertThat(c.release(second, stale, Duration.ofMinutes(1))).isTrue();
    assertThat(c.claimDue("w1", List.of("a"), 10, Duration.ofSeconds(30))).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(c.claimDue("w1", List.of("a"), 10, Duration.ofSeconds(30))).hasSize(1);
  }

  @Test
  void aWorkerClaimsOnlyTheSyncsItKnowsAndTriggerMakesOneDueAtOnce() {
    MutableClock clock = new MutableClock();
    InProcessCoordination c = InProcessCoordination.withClock(clock);
    c.register(List.of("a", "b"));
    assertThat(c.claimDue("w1", List.of("b"), 10, Duration.ofSeconds(5)).map(Lease::sync))
        .containsExactly("b");
    Lease a = c.claimDue("w1", List.of("a"), 10, Duration.ofSeconds(5)).single();
    SyncStatus s =
        new SyncStatus(
            "a",
            SyncStatus.Outcome.IN_SYNC,
            io.vavr.control.Option.none(),
            io.vavr.control.Option.none(),
            clock.instant(),
            "w1",
            a.token());
    assertThat(c.release(a, s, Duration.ofHours(1))).isTrue();
    assertThat(c.claimDue("w1", List.of("a"), 10, Duration.ofSeconds(5))).isEmpty();
    c.trigger("a");
    assertThat(c.claimDue("w1", List.of("a"), 10, Duration.ofSeconds(5))).hasSize(1);
  }

  @Test
  void invalidDesiredStateIsReportedAndNothingIsWritten() throws Exception {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write("bad.yaml", "kind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
      git.commit("bad");
      Path out = tmp.resolve("out");
      try (Fleet fleet =
          Fleet.builder()
              .worker("w")
              .sync(
                  "bad",
                  Duration.ofMinutes(1),
                  lease ->
                      GitOps.builder()
                          .repository(GitRepository.local(git.dir()))
                          .target(DirectoryTarget.at(out))
                          .build())
              .build()) {
        SyncStatus status = fleet.runOnce().single();
        assertThat(status.outcome()).isEqualTo(SyncStatus.Outcome.INVALID);
        assertThat(status.lastError().get()).contains("bad.yaml:4: duplicate-key");
        assertThat(fleet.statuses()).containsExactly(status);
        assertThat(fleet.runOnce()).isEmpty();
      }
      assertThat(Files.exists(out.resolve("ConfigMap"))).isFalse();
    }
  }

  @Test
  void builderRefusesWhatCannotWork() {
    assertThatThrownBy(() -> Fleet.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one sync");
    SyncFactory none =
        lease -> {
          throw new AssertionError();
        };
    assertThatThrownBy(
            () ->
                Fleet.builder()
                    .sync("a", Duration.ofSeconds(1), none)
                    .sync("a", Duration.ofSeconds(1), none))
        .hasMessageContaining("sync 'a' was already added");
    assertThatThrownBy(() -> Fleet.builder().sync("a", Duration.ZERO, none))
        .hasMessageContaining("interval must be positive");
    assertThatThrownBy(() -> Fleet.builder().parallelism(0)).hasMessageContaining("at least 1");
  }

  /** A repository that marks its sync as no longer in flight when the fleet closes it. */
  private record ClosingHook(Repository delegate, AtomicInteger inFlight) implements Repository {
    @Override
    public Either<Problem, Revision> resolve() {
      return delegate.resolve();
    }

    @Override
    public Either<Problem, Revision> resolve(String ref) {
      return delegate.resolve(ref);
    }

    @Override
    public Either<Problem, Snapshot> checkout(Revision revision) {
      return delegate.checkout(revision);
    }

    @Override
    public Seq<Revision> history(int max) {
      return delegate.history(max);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public void close() {
      inFlight.decrementAndGet();
      delegate.close();
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aWorkerWhoseRoundFailsCarriesOnInsteadOfLeavingItsSyncsForGood() throws Exception {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write("app.yaml", manifest("ConfigMap", "apps", "web", "data:\n  color: blue\n"));
      git.commit("web");
      InProcessCoordination real = InProcessCoordination.create();
      AtomicInteger outages = new AtomicInteger(2);
      dev.gitops4j.api.fleet.Coordination flaky =
          (dev.gitops4j.api.fleet.Coordination)
              java.lang.reflect.Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {dev.gitops4j.api.fleet.Coordination.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("claimDue") && outages.getAndDecrement() > 0) {
                      throw new IllegalStateException("claiming due syncs: connection refused");
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      Path out = tmp.resolve("out");
      try (Fleet worker =
          Fleet.builder()
              .worker("w")
              .coordination(flaky)
              .pollInterval(Duration.ofMillis(10))
              .sync(
                  "only",
                  Duration.ofHours(1),
                  lease ->
                      GitOps.builder()
                          .repository(GitRepository.local(git.dir()))
                          .target(DirectoryTarget.at(out))
                          .stateStore(new InMemoryStateStore())
                          .build())
              .build()) {
        worker.run(() -> real.statuses().isEmpty());
      }
      assertThat(outages.get()).isNegative();
      assertThat(real.statuses().map(SyncStatus::outcome))
          .containsExactly(SyncStatus.Outcome.APPLIED);
    }
  }
}
