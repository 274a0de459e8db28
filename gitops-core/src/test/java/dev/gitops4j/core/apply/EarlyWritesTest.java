package dev.gitops4j.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.history.StateLock;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.history.InMemoryStateStore;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Creates the plan is sure to open with are written while the plan is being made, and count once:
 * no second call, every one owned, nothing pending.
 */
class EarlyWritesTest {
  static final Revision REV = new Revision("f".repeat(40), "main", Instant.EPOCH, "f");
  final List<String> order = new CopyOnWriteArrayList<>();
  final CountDownLatch firstWrite = new CountDownLatch(1);

  /** Counts conditional writes, and notes each in the shared order. */
  final MapTarget target =
      new MapTarget() {
        @Override
        public synchronized boolean putIfUnchanged(
            ResourceId id, Option<Node.Obj> expected, Node.Obj document) {
          order.add("write " + id.name());
          firstWrite.countDown();
          return super.putIfUnchanged(id, expected, document);
        }
      };

  /**
   * An in-memory store whose inventory, once the early intent is recorded, is read only after the
   * first write has started: planning (which reads it) cannot finish before a write began, unless
   * no write starts early, and then the wait times out and the order shows it.
   */
  final class PlanningWaitsForAWrite implements StateStore {
    final InMemoryStateStore store = new InMemoryStateStore();
    volatile boolean intentRecorded;

    @Override
    public Inventory inventory() {
      if (intentRecorded) {
        try {
          firstWrite.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return store.inventory();
    }

    @Override
    public boolean inventoryIntact() {
      return store.inventoryIntact();
    }

    @Override
    public void saveInventory(Inventory inventory) {
      if (!inventory.pending().isEmpty()) {
        intentRecorded = true;
      }
      store.saveInventory(inventory);
    }

    @Override
    public Option<Revision> lastApplied() {
      return store.lastApplied();
    }

    @Override
    public void record(ReconcileResult result) {
      store.record(result);
    }

    @Override
    public Seq<JournalEntry> journal() {
      return store.journal();
    }

    @Override
    public byte[] fingerprintKey() {
      return store.fingerprintKey();
    }

    @Override
    public StateLock lock(Duration timeout) {
      return store.lock(timeout);
    }
  }

  static DesiredState many(int n) {
    List<Resource> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(Resource.of(OwnershipTest.id("cm-" + i), OwnershipTest.doc("cm-" + i, "v")));
    }
    return DesiredState.of(REV, all);
  }

  @Test
  void createsStartBeforeThePlanIsComputedAndAreWrittenOnce() {
    PlanningWaitsForAWrite store = new PlanningWaitsForAWrite();
    List<GitOpsEvent> events = new CopyOnWriteArrayList<>();
    DefaultReconciler r =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(store)
            .rollout(Rollout.allAtOnce().maxParallel(4).withoutHealthGate())
            .listener(
                e -> {
                  events.add(e);
                  if (e instanceof GitOpsEvent.PlanComputed) {
                    order.add("plan computed");
                  }
                })
            .build();

    ReconcileResult result = r.reconcile(many(300));

    assertThat(result.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(order.get(0)).startsWith("write ");
    assertThat(order).filteredOn(s -> s.startsWith("write ")).hasSize(300);
    assertThat(target.writes).isEqualTo(300);
    assertThat(result.applied()).hasSize(300);
    assertThat(events).filteredOn(GitOpsEvent.ChangeApplied.class::isInstance).hasSize(300);
    assertThat(store.store.inventory().ids()).hasSize(300);
    assertThat(store.store.inventory().pending()).isEmpty();
    assertThat(r.reconcile(many(300)).status()).isEqualTo(ReconcileResult.Status.IN_SYNC);
  }

  @Test
  void createsWrittenEarlyBeforeAFailureAreReportedAndOwned() {
    PlanningWaitsForAWrite store = new PlanningWaitsForAWrite();
    target.failPut.put(
        OwnershipTest.id("cm-0"), (i, d) -> new dev.gitops4j.api.target.TargetException("no"));
    DefaultReconciler r =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(store)
            .rollout(Rollout.allAtOnce().maxParallel(2).withoutHealthGate())
            .build();

    ReconcileResult result = r.reconcile(many(50));

    assertThat(result.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(result.applied().map(ReconcileResult.Applied::id).toJavaSet())
        .isEqualTo(target.docs.keySet().toJavaSet())
        .isEqualTo(store.store.inventory().ids().toJavaSet());
    assertThat(store.store.inventory().pending()).isEmpty();
  }

  @Test
  void theWavesStrategyWritesNothingBeforeThePlan() {
    PlanningWaitsForAWrite store = new PlanningWaitsForAWrite();
    DefaultReconciler r =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(store)
            .rollout(Rollout.waves().withoutHealthGate())
            .listener(
                e -> {
                  if (e instanceof GitOpsEvent.PlanComputed) {
                    order.add("plan computed");
                  }
                })
            .build();
    assertThat(r.reconcile(many(5)).status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(order.get(0)).isEqualTo("plan computed");
  }

  @Test
  void aCanaryRolloutWritesNothingBeforeItsFirstStep() {
    PlanningWaitsForAWrite store = new PlanningWaitsForAWrite();
    DefaultReconciler r =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(store)
            .rollout(Rollout.canary(1).withoutHealthGate())
            .listener(
                e -> {
                  if (e instanceof GitOpsEvent.PlanComputed) {
                    order.add("plan computed");
                  }
                })
            .build();
    assertThat(r.reconcile(many(5)).status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(order.get(0)).isEqualTo("plan computed");
  }
}
