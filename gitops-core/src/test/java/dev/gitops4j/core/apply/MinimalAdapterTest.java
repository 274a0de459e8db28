package dev.gitops4j.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import io.vavr.collection.TreeMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An adapter with only the required methods pays one {@code observe()} per group of changes for the
 * preconditions, not one per change, and a resource that moved is still refused.
 */
class MinimalAdapterTest {
  static final Revision REV = new Revision("e".repeat(40), "main", Instant.EPOCH, "e");

  /** Only observe, put, delete, describe. */
  static class Minimal implements Target {
    TreeMap<ResourceId, Node.Obj> docs = TreeMap.empty();
    int observes;
    Runnable onSecondObserve = () -> {};

    @Override
    public ActualState observe() {
      if (++observes == 2) {
        onSecondObserve.run();
      }
      return new ActualState(docs);
    }

    @Override
    public void put(ResourceId id, Node.Obj document) {
      docs = docs.put(id, document);
    }

    @Override
    public void delete(ResourceId id) {
      docs = docs.remove(id);
    }

    @Override
    public String describe() {
      return "minimal";
    }
  }

  static DesiredState many(int n) {
    List<Resource> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ResourceId id = ResourceId.of("ConfigMap", "m", "cm-" + i);
      all.add(Resource.of(id, Node.obj("kind", Node.str("ConfigMap"))));
    }
    return DesiredState.of(REV, all);
  }

  @Test
  void preconditionsCostOneObservePerGroup() {
    Minimal target = new Minimal();
    ReconcileResult r = DefaultReconciler.builder().target(target).build().reconcile(many(200));
    assertThat(r.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(target.docs.size()).isEqualTo(200);
    assertThat(target.observes).isLessThanOrEqualTo(3);
  }

  @Test
  void aResourceThatAppearedAfterPlanningIsRefused() {
    Minimal target = new Minimal();
    ResourceId taken = ResourceId.of("ConfigMap", "m", "cm-3");
    Node.Obj theirs = Node.obj("kind", Node.str("ConfigMap"), "owner", Node.str("someone"));
    target.onSecondObserve = () -> target.docs = target.docs.put(taken, theirs);
    ReconcileResult r = DefaultReconciler.builder().target(target).build().reconcile(many(10));
    assertThat(r.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(r.failure().get().message()).startsWith("stale plan");
    assertThat(target.docs.get(taken)).contains(theirs);
  }
}
