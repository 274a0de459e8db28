package dev.gitops4j.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.history.StateBusyException;
import dev.gitops4j.api.history.StateLock;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
  @TempDir Path tmp;

  static ReconcileResult result(int n) {
    Revision rev = new Revision("%040d".formatted(n), "main", Instant.EPOCH, "c" + n);
    return new ReconcileResult(
        rev,
        ReconcileResult.Status.IN_SYNC,
        new Plan(rev, List.empty()),
        List.empty(),
        Option.none(),
        Instant.EPOCH,
        Duration.ZERO);
  }

  @Test
  void inventoryWithPendingIdsRoundTrips() {
    FileStateStore store = FileStateStore.at(tmp.resolve("s"));
    assertThat(store.inventoryIntact()).isFalse();
    Inventory inv =
        new Inventory(
            TreeSet.of(ResourceId.of("A", "x")), TreeSet.of(ResourceId.of("B", "ns", "y")));
    store.saveInventory(inv);
    assertThat(store.inventoryIntact()).isTrue();
    assertThat(FileStateStore.at(tmp.resolve("s")).inventory()).isEqualTo(inv);
  }

  @Test
  void everyStateFileIsOwnerOnly() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("s"));
    store.saveInventory(Inventory.of(List.of(ResourceId.of("A", "x"))));
    store.record(result(1));
    store.fingerprintKey();
    try (StateLock lock = store.lock(Duration.ZERO)) {
      assertThat(lock).isNotNull();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir())))
        .isEqualTo("rwx------");
    try (var files = Files.list(store.dir())) {
      for (Path f : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.getFileName().toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void theFingerprintKeyIsMadeOnceAndKept() {
    byte[] a = FileStateStore.at(tmp.resolve("s")).fingerprintKey();
    byte[] b = FileStateStore.at(tmp.resolve("s")).fingerprintKey();
    assertThat(a).hasSize(32).isEqualTo(b);
    assertThat(FileStateStore.at(tmp.resolve("other")).fingerprintKey()).isNotEqualTo(a);
  }

  @Test
  void theJournalKeepsOnlyItsNewestEntries() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("s")).withJournalLimit(10);
    for (int i = 0; i < 100; i++) {
      store.record(result(i));
    }
    assertThat(store.journal().size()).isBetween(10, 12);
    assertThat(store.journal().last().commit()).isEqualTo("%040d".formatted(99));
    assertThat(Files.readAllLines(store.dir().resolve("journal.jsonl")).size()).isBetween(10, 12);
  }

  @Test
  void aTornJournalLineIsSkipped() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("s"));
    store.record(result(1));
    Files.writeString(
        store.dir().resolve("journal.jsonl"),
        "{\"at\":\"2026-",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(store.journal()).hasSize(1);
  }

  @Test
  void aSecondHolderWaitsThenReportsWhoHoldsTheLock() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("s"));
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try (StateLock lock = store.lock(Duration.ZERO)) {
                held.countDown();
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> FileStateStore.at(tmp.resolve("s")).lock(Duration.ofMillis(50)))
        .isInstanceOf(StateBusyException.class)
        .hasMessageContaining("busy: the state " + store.dir())
        .hasMessageContaining("thread");
    release.countDown();
    holder.get(30, TimeUnit.SECONDS);
    try (StateLock again = store.lock(Duration.ofSeconds(5))) {
      assertThat(Files.readString(store.dir().resolve("lock")))
          .startsWith(ProcessHandle.current().pid() + " ");
    }
    assertThat(Files.readString(store.dir().resolve("lock"))).isEmpty();
  }

  @Test
  void theLockIsReentrantForItsThread() {
    FileStateStore store = FileStateStore.at(tmp.resolve("s"));
    try (StateLock outer = store.lock(Duration.ZERO);
        StateLock inner = store.lock(Duration.ZERO)) {
      assertThat(inner).isNotSameAs(outer);
    }
  }

  @Test
  void aLockLeftByADeadProcessIsTakenOverAndLeftoversRemoved() throws Exception {
    Path dir = tmp.resolve("s");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("lock"), "999999 gone-host 2026-01-01T00:00:00Z\n");
    Files.writeString(dir.resolve(".inventory.json123.tmp"), "half");
    FileStateStore store = FileStateStore.at(dir);
    try (StateLock lock = store.lock(Duration.ZERO)) {
      assertThat(Files.readString(dir.resolve("lock"))).doesNotContain("gone-host");
    }
    assertThat(dir.resolve(".inventory.json123.tmp")).doesNotExist();
  }
}
