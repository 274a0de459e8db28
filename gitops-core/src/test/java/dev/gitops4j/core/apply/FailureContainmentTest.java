package dev.gitops4j.core.apply;

import static dev.gitops4j.core.apply.OwnershipTest.doc;
import static dev.gitops4j.core.apply.OwnershipTest.id;
import static dev.gitops4j.core.apply.OwnershipTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.history.InMemoryHistoryStore;
import dev.gitops4j.core.history.InMemoryStateStore;
import io.vavr.collection.List;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Failures stay inside the result and never half-apply: an observe that throws, a replace whose put
 * fails, a saved plan that is partly stale.
 */
class FailureContainmentTest {
  final MapTarget target = new MapTarget();
  final InMemoryStateStore store = new InMemoryStateStore();
  final InMemoryHistoryStore history = InMemoryHistoryStore.create();
  final java.util.List<GitOpsEvent> events = new CopyOnWriteArrayList<>();

  DefaultReconciler reconciler(Target t) {
    return DefaultReconciler.builder()
        .target(t)
        .stateStore(store)
        .history(history)
        .rollback(Rollback.toLastKnownGood())
        .listener(events::add)
        .build();
  }

  @Test
  void anObserveThatThrowsIsAFailedResultWithEventsAndAJournalEntryAndPinsNothing() {
    DefaultReconciler r = reconciler(target);
    assertThat(r.reconcile(state("a", "x")).succeeded()).isTrue();
    target.failObserve = new IllegalStateException("connection reset", new NullPointerException());
    events.clear();

    ReconcileResult failed = r.reconcile(state("b", "x", "y"));

    assertThat(failed.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(failed.applied()).isEmpty();
    assertThat(failed.rollback()).isEmpty();
    ReconcileResult.Failure failure = failed.failure().get();
    assertThat(failure.id()).isEmpty();
    assertThat(failure.message())
        .isEqualTo(
            "cannot observe map:test: IllegalStateException: connection reset; caused by"
                + " NullPointerException");
    assertThat(events)
        .hasExactlyElementsOfTypes(
            GitOpsEvent.ReconcileStarted.class, GitOpsEvent.ReconcileFinished.class);
    assertThat(((GitOpsEvent.ReconcileFinished) events.get(1)).status())
        .isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(store.journal().last().status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(history.records().last().outcome()).isEqualTo(HistoryRecord.Outcome.FAILED);
    assertThat(history.failed(state("b").revision().commit())).isEmpty();

    target.failObserve = null;
    assertThat(r.reconcile(state("b", "x", "y")).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
  }

  static final Revision V2 = new Revision("2".repeat(40), "main", Instant.EPOCH, "v2");

  static DesiredState apiV2(String name) {
    return DesiredState.of(
        V2, List.of(Resource.of(id(name), doc(name, "new").with("apiVersion", Node.str("v2")))));
  }

  @Test
  void aReplaceWhosePutFailsPutsTheOldDocumentBack() {
    DefaultReconciler r = reconciler(target);
    assertThat(r.reconcile(state("a", "x")).succeeded()).isTrue();
    Node.Obj before = target.docs.get(id("x")).get();
    target.failPut.put(
        id("x"),
        (i, d) ->
            d.get("apiVersion").flatMap(Node::asText).contains("v2")
                ? new TargetException("apiVersion v2 is not served")
                : null);

    ReconcileResult failed = r.reconcile(apiV2("x"));

    assertThat(failed.plan().effectiveChanges().head()).isInstanceOf(Change.Replace.class);
    assertThat(failed.status())
        .isIn(ReconcileResult.Status.FAILED, ReconcileResult.Status.ROLLED_BACK);
    assertThat(failed.failure().get().message())
        .isEqualTo("apiVersion v2 is not served; the previous document was put back");
    assertThat(target.docs.get(id("x"))).contains(before);
    assertThat(store.inventory().ids()).containsExactly(id("x"));
  }

  @Test
  void aReplaceThroughAMinimalAdapterPutsTheOldDocumentBackToo() {
    MinimalAdapterTest.Minimal minimal =
        new MinimalAdapterTest.Minimal() {
          @Override
          public void put(ResourceId id, Node.Obj document) {
            if (document.get("apiVersion").flatMap(Node::asText).contains("v2")) {
              throw new IllegalArgumentException("rejected");
            }
            super.put(id, document);
          }
        };
    DefaultReconciler r = reconciler(minimal);
    assertThat(r.reconcile(state("a", "x")).succeeded()).isTrue();
    Node.Obj before = minimal.docs.get(id("x")).get();

    ReconcileResult failed = r.reconcile(apiV2("x"));

    assertThat(failed.failure().get().message())
        .isEqualTo("IllegalArgumentException: rejected; the previous document was put back");
    assertThat(minimal.docs.get(id("x"))).contains(before);
  }

  @Test
  void aPartlyStalePlanWritesNothingOwnsNothingNewAndPinsNothing() {
    DefaultReconciler r = reconciler(target);
    assertThat(r.reconcile(state("a", "keep")).succeeded()).isTrue();
    Plan plan = r.plan(state("b", "keep", "x", "y", "z"));
    assertThat(plan.effectiveChanges()).hasSize(4);
    target.byHand(id("y"), doc("y", "someone was faster"));
    int writes = target.writes;
    events.clear();

    ReconcileResult result = r.apply(plan);

    assertThat(result.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(result.rollback()).isEmpty();
    assertThat(result.failure().get().id()).contains(id("y"));
    assertThat(result.failure().get().message())
        .startsWith("stale plan: expected the resource to be absent but it changed")
        .endsWith("(1 of 4 changes no longer hold; nothing was written)");
    assertThat(result.applied()).isEmpty();
    assertThat(target.writes).isEqualTo(writes);
    assertThat(target.docs.containsKey(id("x"))).isFalse();
    assertThat(store.inventory().ids()).containsExactly(id("keep"));
    assertThat(store.inventory().pending()).isEmpty();
    assertThat(store.journal().last().status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(events)
        .filteredOn(GitOpsEvent.ChangeFailed.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((GitOpsEvent.ChangeFailed) e).id()).isEqualTo(id("y")));
    assertThat(history.failed(plan.revision().commit())).isEmpty();

    // planned again, it applies; the hand-made y is adopted only because Git declares it
    assertThat(r.reconcile(state("b", "keep", "x", "y", "z")).succeeded()).isTrue();
    assertThat(store.inventory().ids()).containsExactly(id("keep"), id("x"), id("y"), id("z"));
  }

  @Test
  void aFreshSavedPlanStillApplies() {
    DefaultReconciler r = reconciler(target);
    Plan plan = r.plan(state("b", "x", "y"));
    ReconcileResult result = r.apply(plan);
    assertThat(result.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(store.inventory().ids()).containsExactly(id("x"), id("y"));
  }

  @Test
  void aSavedPlanWhoseTargetCannotBeReadIsAFailedResult() {
    DefaultReconciler r = reconciler(target);
    Plan plan = r.plan(state("b", "x"));
    MapTarget broken =
        new MapTarget() {
          @Override
          public synchronized io.vavr.control.Option<Node.Obj> get(ResourceId id) {
            throw new TargetException("unreachable");
          }

          @Override
          public synchronized ActualState observe() {
            throw new TargetException("unreachable");
          }
        };
    ReconcileResult result = reconciler(broken).apply(plan);
    assertThat(result.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(result.failure().get().message()).isEqualTo("cannot observe map:test: unreachable");
    assertThat(broken.writes).isZero();
  }
}
