package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.DefaultPlanner;
import dev.gitops4j.core.plan.Fingerprints;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.TreeMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The planner against a target that adds fields of its own, as every real API does: after a plan is
 * applied, the next plan is empty; prune stays inside the inventory; plan JSON is the same whatever
 * the order of the input.
 */
class DefaultingTargetProperties {

  @Property(tries = 1000)
  void planAfterApplyIsEmptyAgainstADefaultingTarget(
      @ForAll("states") Map<ResourceId, Node.Obj> a,
      @ForAll("states") Map<ResourceId, Node.Obj> b) {
    VirtualClock clock = VirtualClock.create();
    InMemoryTarget target = InMemoryTarget.create(clock).webhook(Webhook.kubernetesDefaults(clock));
    DefaultReconciler reconciler = DefaultReconciler.builder().target(target).build();
    assertThat(reconciler.reconcile(state("a", a)).succeeded()).isTrue();
    assertThat(reconciler.plan(state("a", a)).isEmpty()).isTrue();
    assertThat(reconciler.reconcile(state("b", b)).succeeded()).isTrue();
    Plan again = reconciler.plan(state("b", b));
    assertThat(again.isEmpty()).as("%s", again).isTrue();
    for (var e : b.entrySet()) {
      Node.Obj stored = target.observe().get(e.getKey()).get();
      assertThat(stored.at("/metadata/uid")).isNotEmpty();
      assertThat(stored.at("/status")).isNotEmpty();
      assertThat(stored.get("data")).isEqualTo(e.getValue().get("data"));
    }
  }

  @Property(tries = 1000)
  void pruneNeverTargetsAResourceOutsideTheInventory(
      @ForAll("states") Map<ResourceId, Node.Obj> desired,
      @ForAll("states") Map<ResourceId, Node.Obj> actual,
      @ForAll("states") Map<ResourceId, Node.Obj> owned) {
    Plan plan =
        new DefaultPlanner()
            .plan(
                state("d", desired),
                new ActualState(TreeMap.ofAll(actual)),
                Inventory.of(owned.keySet()),
                PlanOptions.DEFAULTS);
    for (Change c : plan.changes()) {
      if (c.action() == Change.Action.DELETE) {
        assertThat(owned).containsKey(c.id());
        assertThat(desired).doesNotContainKey(c.id());
      }
    }
  }

  @Property(tries = 1000)
  void planJsonIsIdenticalAcrossRunsAndInputOrders(
      @ForAll("states") Map<ResourceId, Node.Obj> desired,
      @ForAll("states") Map<ResourceId, Node.Obj> actual,
      @ForAll long seed) {
    List<Resource> resources = new ArrayList<>();
    desired.forEach((id, doc) -> resources.add(Resource.of(id, doc)));
    List<Resource> shuffled = new ArrayList<>(resources);
    Collections.shuffle(shuffled, new Random(seed));
    Revision rev = new Revision("d".repeat(40), "main", Instant.EPOCH, "d");
    ActualState observed = new ActualState(TreeMap.ofAll(actual));
    Inventory inventory = Inventory.of(actual.keySet());
    // Fingerprints are keyed by the state store: the same key (one store) gives the same plan.
    byte[] key = new byte[32];
    new Random(seed).nextBytes(key);
    String one =
        Documents.toJson(
            Reports.plan(
                new DefaultPlanner(Fingerprints.keyed(key::clone))
                    .plan(
                        DesiredState.of(rev, resources),
                        observed,
                        inventory,
                        PlanOptions.DEFAULTS)));
    String two =
        Documents.toJson(
            Reports.plan(
                new DefaultPlanner(Fingerprints.keyed(key::clone))
                    .plan(
                        DesiredState.of(rev, shuffled),
                        observed,
                        inventory,
                        PlanOptions.DEFAULTS)));
    assertThat(two).isEqualTo(one);
  }

  private static DesiredState state(String commit, Map<ResourceId, Node.Obj> docs) {
    Revision rev = new Revision(commit.repeat(40).substring(0, 40), "main", Instant.EPOCH, commit);
    return DesiredState.of(
        rev, docs.entrySet().stream().map(e -> Resource.of(e.getKey(), e.getValue())).toList());
  }

  @Provide
  Arbitrary<Map<ResourceId, Node.Obj>> states() {
    Arbitrary<ResourceId> ids =
        Combinators.combine(
                Arbitraries.of("ConfigMap", "Deployment"),
                Arbitraries.of("a", "b"),
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2))
            .as(ResourceId::of);
    Arbitrary<Node.Obj> docs =
        Combinators.combine(
                Arbitraries.maps(
                        Arbitraries.of("x", "y", "z"), Arbitraries.integers().between(0, 3))
                    .ofMaxSize(3),
                Arbitraries.of("web", "db", "cache").list().uniqueElements().ofMaxSize(3))
            .as(
                (data, containers) -> {
                  Node.Obj d = Node.Obj.EMPTY;
                  for (var e : new java.util.TreeMap<>(data).entrySet()) {
                    d = d.with(e.getKey(), Node.num(e.getValue()));
                  }
                  io.vavr.collection.Vector<Node> cs =
                      io.vavr.collection.Vector.ofAll(containers)
                          .map(
                              n ->
                                  (Node)
                                      Node.obj("name", Node.str(n), "image", Node.str(n + ":1")));
                  return Node.obj(
                      "apiVersion", Node.str("v1"),
                      "metadata", Node.obj("labels", Node.obj("app", Node.str("x"))),
                      "data", d,
                      "spec", Node.obj("containers", new Node.Arr(cs)));
                });
    return Arbitraries.maps(ids, docs).ofMaxSize(6);
  }
}
