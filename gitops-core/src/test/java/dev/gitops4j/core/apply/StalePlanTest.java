package dev.gitops4j.core.apply;

import static dev.gitops4j.core.apply.OwnershipTest.doc;
import static dev.gitops4j.core.apply.OwnershipTest.id;
import static dev.gitops4j.core.apply.OwnershipTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.history.InMemoryStateStore;
import org.junit.jupiter.api.Test;

/** A plan applied after part of the world moved writes nothing and claims nothing. */
class StalePlanTest {
  final MapTarget target = new MapTarget();

  @Test
  void aPartlyStalePlanWritesNothingAndOwnsNothingNew() {
    InMemoryStateStore store = new InMemoryStateStore();
    DefaultReconciler r = DefaultReconciler.builder().target(target).stateStore(store).build();
    r.reconcile(state("a", "keep"));
    Plan plan = r.plan(state("b", "keep", "x", "y", "z"));
    assertThat(plan.effectiveChanges()).hasSize(4);
    target.byHand(id("y"), doc("y", "someone was faster"));
    int writes = target.writes;

    ReconcileResult result = r.apply(plan);
    assertThat(result.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(result.failure().get().id()).contains(id("y"));
    assertThat(result.failure().get().message()).contains("stale plan");
    assertThat(result.applied()).isEmpty();
    assertThat(target.writes).isEqualTo(writes);
    assertThat(target.docs.containsKey(id("x"))).isFalse();
    assertThat(store.inventory().ids()).containsExactly(id("keep"));
    assertThat(store.inventory().pending()).isEmpty();
    assertThat(store.journal().last().status()).isEqualTo(ReconcileResult.Status.FAILED);

    // planned again, it applies, and the hand-made y is adopted only because Git declares it
    assertThat(r.reconcile(state("b", "keep", "x", "y", "z")).succeeded()).isTrue();
    assertThat(store.inventory().ids()).containsExactly(id("keep"), id("x"), id("y"), id("z"));
  }
}
