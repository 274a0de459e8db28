package dev.gitops4j.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.history.InMemoryStateStore;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only what the reconciler wrote is ever pruned: phantom ids, crashes, lost state, empty states.
 */
class OwnershipTest {
  @TempDir Path tmp;
  final MapTarget target = new MapTarget();

  static ResourceId id(String name) {
    return ResourceId.of("ConfigMap", "ns", name);
  }

  static Node.Obj doc(String name, String value) {
    return Node.obj(
        "apiVersion", Node.str("v1"),
        "kind", Node.str("ConfigMap"),
        "metadata", Node.obj("name", Node.str(name), "namespace", Node.str("ns")),
        "data", Node.obj("v", Node.str(value)));
  }

  static DesiredState state(String commit, String... names) {
    Revision rev = new Revision(commit.repeat(40).substring(0, 40), "main", Instant.EPOCH, commit);
    return DesiredState.of(rev, List.of(names).map(n -> Resource.of(id(n), doc(n, commit))));
  }

  DefaultReconciler reconciler(dev.gitops4j.api.history.StateStore store) {
    return DefaultReconciler.builder().target(target).stateStore(store).build();
  }

  @Test
  void anIdPlannedButNeverWrittenIsNotOwnedAndAHandMadeResourceThereSurvives() {
    InMemoryStateStore store = new InMemoryStateStore();
    DefaultReconciler r = reconciler(store);
    target.failPut.put(id("a"), (i, d) -> new TargetException(i + ": injected"));

    ReconcileResult failed = r.reconcile(state("a", "a", "b", "c"));
    assertThat(failed.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(failed.applied()).isEmpty();
    assertThat(store.inventory().ids()).isEmpty();
    assertThat(store.inventory().pending()).isEmpty();

    target.failPut.clear();
    target.byHand(id("a"), doc("a", "mine"));
    target.byHand(id("b"), doc("b", "mine"));
    for (int i = 0; i < 3; i++) {
      assertThat(r.reconcile(state("x", "c")).succeeded()).isTrue();
    }
    assertThat(target.docs.keySet().toJavaSet())
        .containsExactlyInAnyOrder(id("a"), id("b"), id("c"));
    assertThat(target.docs.get(id("a")).get()).isEqualTo(doc("a", "mine"));
    assertThat(store.inventory().ids()).containsExactly(id("c"));
  }

  @Test
  void aPendingIdIsOwnedOnlyIfTheTargetHoldsItWithTheMark() {
    InMemoryStateStore store = new InMemoryStateStore();
    DefaultReconciler r = reconciler(store);
    r.reconcile(state("a", "written"));
    // a crash after recording intent: "written" reached the target (with its mark), "phantom" not;
    // later someone creates "phantom" by hand
    store.saveInventory(new Inventory(TreeSet.empty(), TreeSet.of(id("written"), id("phantom"))));
    target.byHand(id("phantom"), doc("phantom", "hand"));

    ReconcileResult result = r.reconcile(state("b", "other"));
    assertThat(result.succeeded()).isTrue();
    assertThat(target.docs.containsKey(id("written"))).isFalse();
    assertThat(target.docs.get(id("phantom"))).contains(doc("phantom", "hand"));
    assertThat(store.inventory().ids()).containsExactly(id("other"));
    assertThat(store.inventory().pending()).isEmpty();
  }

  @Test
  void aResourceReplacedByHandUnderAnOwnedIdIsNotPruned() {
    InMemoryStateStore store = new InMemoryStateStore();
    DefaultReconciler r = reconciler(store);
    r.reconcile(state("a", "x", "y"));
    target.byHand(id("x"), doc("x", "someone else's now"));
    assertThat(r.reconcile(state("b", "y")).succeeded()).isTrue();
    assertThat(target.docs.get(id("x"))).contains(doc("x", "someone else's now"));
  }

  @Test
  void aCorruptOrLostInventoryIsRebuiltFromTheMarks() throws Exception {
    Path dir = tmp.resolve("state");
    FileStateStore store = FileStateStore.at(dir);
    reconciler(store).reconcile(state("a", "x", "y"));
    target.byHand(id("foreign"), doc("foreign", "hand"));
    for (String corrupt :
        new String[] {"", "{\"ids\": [\"ConfigMap/ns/x\"", "[]", "{\"ids\":[7]}"}) {
      Files.writeString(dir.resolve("inventory.json"), corrupt);
      assertThat(store.inventoryIntact()).isFalse();
      assertThat(reconciler(store).owned().ids()).containsExactly(id("x"), id("y"));
    }
    Files.delete(dir.resolve("inventory.json"));
    ReconcileResult pruned = reconciler(store).reconcile(state("b", "y"));
    assertThat(pruned.succeeded()).isTrue();
    assertThat(target.docs.keySet().toJavaSet()).containsExactlyInAnyOrder(id("y"), id("foreign"));
    assertThat(store.inventoryIntact()).isTrue();
    assertThat(store.inventory().ids()).containsExactly(id("y"));
  }

  @Test
  void anEmptyDesiredStatePrunesNothingUnlessAllowed() {
    InMemoryStateStore store = new InMemoryStateStore();
    DefaultReconciler r = reconciler(store);
    r.reconcile(state("a", "x", "y"));
    assertThat(r.refusesEmpty(state("e"))).isTrue();
    Plan plan = r.plan(state("e"));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(r.reconcile(state("e")).applied()).isEmpty();
    assertThat(target.docs.size()).isEqualTo(2);

    DefaultReconciler allowing =
        DefaultReconciler.builder().target(target).stateStore(store).allowEmpty(true).build();
    assertThat(allowing.refusesEmpty(state("e"))).isFalse();
    assertThat(allowing.reconcile(state("e")).applied()).hasSize(2);
    assertThat(target.docs.isEmpty()).isTrue();
  }

  @Test
  void everyWrittenResourceCarriesTheOwnersMark() {
    DefaultReconciler r =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(new InMemoryStateStore())
            .owner("team-a")
            .build();
    r.reconcile(state("a", "x"));
    assertThat(target.docs.get(id("x")).get().at("/metadata/annotations"))
        .contains(Node.obj(Resource.OWNER, Node.str("team-a")));
    assertThat(r.plan(state("a", "x")).isEmpty()).isTrue();
  }
}
