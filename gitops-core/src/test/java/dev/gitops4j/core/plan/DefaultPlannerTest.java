package dev.gitops4j.core.plan;

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
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DefaultPlannerTest {
  static final Revision REV = new Revision("c".repeat(40), "main", Instant.EPOCH, "test");
  final DefaultPlanner planner = new DefaultPlanner();

  static Resource res(String id, String... deps) {
    ResourceId rid = ResourceId.parse(id).get();
    Node.Obj body =
        Node.obj(
            "apiVersion",
            Node.str("v1"),
            "kind",
            Node.str(rid.kind()),
            "metadata",
            Node.obj("name", Node.str(rid.name())));
    if (deps.length > 0) {
      body =
          body.with(
              "metadata",
              Node.obj(
                  "name",
                  Node.str(rid.name()),
                  "annotations",
                  Node.obj(Resource.DEPENDS_ON, Node.str(String.join(",", deps)))));
    }
    return new Resource(
        rid, body, TreeSet.ofAll(List.of(deps).map(d -> ResourceId.parse(d).get())), Option.none());
  }

  @Test
  void wavesFollowDependenciesThenIds() {
    DesiredState desired =
        DesiredState.of(
            REV,
            List.of(
                res("Deployment/ns/web", "ConfigMap/ns/cfg", "Secret/ns/s"),
                res("Secret/ns/s", "Namespace/ns"),
                res("ConfigMap/ns/cfg", "Namespace/ns"),
                res("Namespace/ns"),
                res("Alpha/x")));
    Plan plan = planner.plan(desired, ActualState.EMPTY, Inventory.EMPTY, PlanOptions.DEFAULTS);
    assertThat(plan.waves().map(w -> w.map(c -> c.id().toString()).mkString(",")))
        .containsExactly(
            "Alpha/x,Namespace/ns", "ConfigMap/ns/cfg,Secret/ns/s", "Deployment/ns/web");
    assertThat(planner.plan(desired, ActualState.EMPTY, Inventory.EMPTY, PlanOptions.DEFAULTS))
        .isEqualTo(plan);
  }

  @Test
  void deletesOnlyOwnedResourcesDependentsFirst() {
    Resource ns = res("Namespace/ns");
    Resource cfg = res("ConfigMap/ns/cfg", "Namespace/ns");
    Resource foreign = res("ConfigMap/ns/foreign");
    ActualState actual =
        new ActualState(
            TreeMap.of(ns.id(), ns.body(), cfg.id(), cfg.body(), foreign.id(), foreign.body()));
    Inventory owned = Inventory.of(List.of(ns.id(), cfg.id()));
    Plan plan =
        planner.plan(DesiredState.of(REV, List.empty()), actual, owned, PlanOptions.DEFAULTS);
    assertThat(plan.changes().map(c -> c.action() + " " + c.id()))
        .containsExactly("DELETE ConfigMap/ns/cfg", "DELETE Namespace/ns");
    assertThat(
            planner
                .plan(
                    DesiredState.of(REV, List.empty()),
                    actual,
                    owned,
                    PlanOptions.DEFAULTS.withPrune(false))
                .isEmpty())
        .isTrue();
  }

  @Test
  void updatesCarryTheirPatchAndReplacesFollowApiVersion() {
    Resource cfg = res("ConfigMap/ns/cfg");
    Node.Obj old = cfg.body().with("data", Node.obj("a", Node.num(1)));
    Node.Obj otherApi = cfg.body().with("apiVersion", Node.str("v2"));
    Plan plan =
        planner.plan(
            DesiredState.of(REV, List.of(cfg)),
            new ActualState(TreeMap.of(cfg.id(), old)),
            Inventory.EMPTY,
            id -> io.vavr.control.Option.of(old),
            PlanOptions.DEFAULTS);
    Change.Update u = (Change.Update) plan.changes().single();
    assertThat(JsonPatch.apply(old, u.patch()).get()).isEqualTo(cfg.body());
    assertThat(u.expected().fingerprint().isDefined()).isTrue();
    plan =
        planner.plan(
            DesiredState.of(REV, List.of(cfg)),
            new ActualState(TreeMap.of(cfg.id(), otherApi)),
            Inventory.EMPTY,
            PlanOptions.DEFAULTS);
    assertThat(plan.changes().single()).isInstanceOf(Change.Replace.class);
    plan =
        planner.plan(
            DesiredState.of(REV, List.of(cfg)),
            new ActualState(TreeMap.of(cfg.id(), cfg.body())),
            Inventory.EMPTY,
            PlanOptions.DEFAULTS.withNoOps(true));
    assertThat(plan.changes().single()).isInstanceOf(Change.NoOp.class);
    assertThat(plan.isEmpty()).isTrue();
  }
}
