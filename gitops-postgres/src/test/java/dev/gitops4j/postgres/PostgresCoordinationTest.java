package dev.gitops4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.LeaseLostException;
import dev.gitops4j.api.fleet.SyncStatus;
import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.postgres.internal.DatabaseException;
import dev.gitops4j.postgres.internal.Jdbc;
import dev.gitops4j.postgres.testing.LocalPostgres;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases, fencing and state on a real PostgreSQL server. */
class PostgresCoordinationTest {
  String url;
  PostgresCoordination pg;

  @BeforeEach
  void setUp() {
    url = LocalPostgres.get().newDatabase();
    pg = PostgresCoordination.connect(url);
  }

  @Test
  void schemaIsCreatedOnceAndANewerSchemaIsRefused() throws Exception {
    PostgresCoordination.connect(url); // a second worker starting: nothing to do
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT count(*), max(version) FROM gitops4j_schema");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(PostgresSchema.latestVersion());
      s.execute("INSERT INTO gitops4j_schema (version) VALUES (99)");
    }
    assertThatThrownBy(() -> PostgresCoordination.connect(url))
        .hasMessageContaining("schema version 99, newer than this build knows");
  }

  @Test
  void twoWorkersNeverClaimTheSameSyncAndTokensOnlyGrow() {
    List<String> names = List.range(0, 50).map(i -> "s" + i);
    pg.register(names);
    pg.register(names);
    var a = pg.claimDue("a", names, 30, Duration.ofMinutes(1));
    var b = pg.claimDue("b", names, 30, Duration.ofMinutes(1));
    assertThat(a).hasSize(30);
    assertThat(b).hasSize(20);
    assertThat(a.map(Lease::sync).toSet().intersect(b.map(Lease::sync).toSet())).isEmpty();
    assertThat(a.appendAll(b).map(Lease::token).distinct()).hasSize(50);
    assertThat(b.map(Lease::token).min().get()).isGreaterThan(a.map(Lease::token).max().get());
    assertThat(pg.claimDue("c", names, 10, Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void anExpiredLeasePassesOnAndItsOldHolderCanWriteNothing() throws Exception {
    pg.register(List.of("t"));
    Lease old = pg.claimDue("paused", List.of("t"), 1, Duration.ofMillis(300)).single();
    PostgresStateStore oldStore = pg.stateStore(old);
    oldStore.saveInventory(Inventory.of(List.of(ResourceId.parse("ConfigMap/apps/a").get())));
    waitUntilLapsed(old);
    Lease current = pg.claimDue("active", List.of("t"), 1, Duration.ofMinutes(1)).single();
    assertThat(current.token()).isGreaterThan(old.token());

    Inventory stale = Inventory.of(List.of(ResourceId.parse("ConfigMap/apps/b").get()));
    assertThatThrownBy(() -> oldStore.saveInventory(stale))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("nothing was written");
    assertThat(pg.renew(old, Duration.ofMinutes(1))).isEmpty();
    assertThat(pg.release(old, status(old, SyncStatus.Outcome.APPLIED), Duration.ZERO)).isFalse();

    PostgresStateStore store = pg.stateStore(current);
    assertThat(store.inventory().ids().map(ResourceId::toString))
        .containsExactly("ConfigMap/apps/a");
    store.saveInventory(stale);
    assertThat(
            pg.release(current, status(current, SyncStatus.Outcome.APPLIED), Duration.ofHours(1)))
        .isTrue();
    assertThat(pg.statuses().map(SyncStatus::worker)).containsExactly("active");
    assertThat(pg.attempts().map(PostgresCoordination.Attempt::token))
        .containsExactly(current.token());
    assertThatThrownBy(() -> store.saveInventory(Inventory.EMPTY))
        .isInstanceOf(LeaseLostException.class);
    assertThat(pg.stateStore("t").inventory().ids().map(ResourceId::toString))
        .containsExactly("ConfigMap/apps/b");
  }

  @Test
  void renewKeepsALeaseAndTriggerMakesASyncDue() {
    pg.register(List.of("t"));
    Lease l = pg.claimDue("w", List.of("t"), 1, Duration.ofSeconds(2)).single();
    Lease renewed = pg.renew(l, Duration.ofMinutes(5)).get();
    assertThat(renewed.expiresAt()).isAfter(l.expiresAt());
    assertThat(pg.holds(renewed)).isTrue();
    assertThat(
            pg.release(renewed, status(renewed, SyncStatus.Outcome.IN_SYNC), Duration.ofHours(1)))
        .isTrue();
    assertThat(pg.claimDue("w", List.of("t"), 1, Duration.ofSeconds(2))).isEmpty();
    pg.trigger("t");
    assertThat(pg.claimDue("w", List.of("t"), 1, Duration.ofSeconds(2))).hasSize(1);
  }

  @Test
  void unfencedStoreKeepsInventoryLastAppliedAndJournal() {
    PostgresStateStore store = pg.stateStore("solo");
    assertThat(store.inventory()).isEqualTo(Inventory.EMPTY);
    assertThat(store.lastApplied()).isEmpty();
    assertThat(store.journal()).isEmpty();
    store.saveInventory(Inventory.of(List.of(ResourceId.parse("Namespace/apps").get())));
    assertThat(store.inventory().ids().map(ResourceId::toString)).containsExactly("Namespace/apps");
  }

  @Test
  void aDroppedConnectionIsRetriedOnANewOne() throws Exception {
    pg.register(List.of("t"));
    try (Connection admin = DriverManager.getConnection(url);
        Statement s = admin.createStatement()) {
      // ends every other session of this database: the pool's connections are now broken
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
    Lease lease = pg.claimDue("w", List.of("t"), 1, Duration.ofMinutes(1)).single();
    assertThat(pg.holds(lease)).isTrue();
  }

  @Test
  void theStateOfASyncIsLockedKeyedAndKeepsItsPendingIds() {
    PostgresStateStore a = pg.stateStore("locked");
    PostgresStateStore b = PostgresCoordination.connect(url).stateStore("locked");
    assertThat(a.inventoryIntact()).isFalse();
    a.saveInventory(
        new Inventory(
            io.vavr.collection.TreeSet.of(ResourceId.parse("ConfigMap/apps/a").get()),
            io.vavr.collection.TreeSet.of(ResourceId.parse("ConfigMap/apps/b").get())));
    assertThat(b.inventoryIntact()).isTrue();
    assertThat(b.inventory().pending().map(ResourceId::toString))
        .containsExactly("ConfigMap/apps/b");
    assertThat(b.fingerprintKey()).hasSize(32).isEqualTo(a.fingerprintKey());
    var held = a.lock(Duration.ofSeconds(5));
    assertThatThrownBy(() -> b.lock(Duration.ofMillis(300)))
        .isInstanceOf(dev.gitops4j.api.history.StateBusyException.class)
        .hasMessageContaining("busy: the state of sync locked is held by PostgreSQL backend PID");
    held.close();
    b.lock(Duration.ofSeconds(5)).close();
  }

  @Test
  void underALeaseTheLeaseIsTheLockSoALapsedHolderBlocksNobody() throws Exception {
    pg.register(List.of("l"));
    Lease first = pg.claimDue("w1", List.of("l"), 1, Duration.ofMillis(400)).single();
    var held = pg.stateStore(first).lock(Duration.ofSeconds(5)); // never closed: a paused worker
    waitUntilLapsed(first);
    assertThatThrownBy(() -> pg.stateStore(first).lock(Duration.ofSeconds(1)))
        .isInstanceOf(LeaseLostException.class);
    Lease second = pg.claimDue("w2", List.of("l"), 1, Duration.ofMinutes(1)).single();
    PostgresStateStore taken = PostgresCoordination.connect(url).stateStore(second);
    try (var lock = taken.lock(Duration.ofMillis(300))) {
      taken.saveInventory(Inventory.of(List.of(ResourceId.parse("Namespace/apps").get())));
    }
    assertThatThrownBy(() -> pg.stateStore(first).saveInventory(Inventory.EMPTY))
        .isInstanceOf(LeaseLostException.class);
    assertThat(taken.inventory().ids().map(ResourceId::toString)).containsExactly("Namespace/apps");
    held.close();
  }

  @Test
  void aWorkerPausedInsideATransactionLosesItsRowLocksSoItsSyncCanBeTakenOver() throws Exception {
    pg.register(List.of("stuck"));
    Lease first = pg.claimDue("w1", List.of("stuck"), 1, Duration.ofMillis(300)).single();
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(url);
    Jdbc paused =
        new Jdbc(
            ds,
            dev.gitops4j.api.time.Scheduler.system(),
            1,
            Duration.ofMillis(10),
            Duration.ofMillis(500));
    java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                paused.inTransaction(
                    "a paused fenced write",
                    c -> {
                      try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1 FROM gitops4j_sync WHERE name = 'stuck' FOR UPDATE");
                      }
                      locked.countDown();
                      try {
                        resume.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return 1;
                    });
              } catch (DatabaseException expected) {
                // the server ended the idle transaction's session
              }
            });
    worker.start();
    locked.await();
    waitUntilLapsed(first);
    Option<Lease> taken = Option.none();
    for (int i = 0; i < 300 && taken.isEmpty(); i++) {
      taken = pg.claimDue("w2", List.of("stuck"), 1, Duration.ofMinutes(1)).headOption();
      Thread.sleep(100);
    }
    resume.countDown();
    worker.join();
    assertThat(taken.isDefined()).as("the sync taken over despite the paused transaction").isTrue();
    assertThat(taken.get().token()).isGreaterThan(first.token());
  }

  @Test
  void historyMarksAndSuspensionAreSharedAndFenced() throws Exception {
    pg.register(List.of("h"));
    Lease lease = pg.claimDue("w", List.of("h"), 1, Duration.ofMillis(400)).single();
    PostgresStateStore store = pg.stateStore(lease);
    FailedRevision mark =
        new FailedRevision(
            "c".repeat(40), Instant.parse("2026-01-01T00:00:00Z"), "health", "b".repeat(40));
    store.markFailed(mark);
    store.suspend("maintenance");
    PostgresStateStore other = PostgresCoordination.connect(url).stateStore("h");
    assertThat(other.failed("c".repeat(40))).contains(mark);
    assertThat(other.suspended()).contains("maintenance");
    assertThat(other.records()).isEmpty();
    waitUntilLapsed(lease);
    assertThatThrownBy(() -> store.clearFailed("c".repeat(40)))
        .isInstanceOf(LeaseLostException.class);
    assertThat(other.clearFailed("c".repeat(40))).isTrue();
    assertThat(other.resume()).isTrue();
    assertThat(other.failedRevisions()).isEmpty();
    assertThat(other.suspended()).isEmpty();
  }

  private static SyncStatus status(Lease l, SyncStatus.Outcome outcome) {
    return new SyncStatus(
        l.sync(), outcome, Option.none(), Option.none(), Instant.now(), l.worker(), l.token());
  }

  private void waitUntilLapsed(Lease lease) throws InterruptedException {
    for (int i = 0; i < 200 && pg.holds(lease); i++) {
      Thread.sleep(25);
    }
    assertThat(pg.holds(lease)).isFalse();
  }
}
