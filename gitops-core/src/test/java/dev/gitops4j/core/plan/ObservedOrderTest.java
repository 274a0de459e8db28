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
import java.time.Instant;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The planner pairs desired and observed resources in one pass when both are in the same order, and
 * by lookup otherwise: both give the same plan, whatever resources are missing on either side.
 */
class ObservedOrderTest {
  static final Revision REV = new Revision("c".repeat(40), "main", Instant.EPOCH, "t");

  private static ResourceId id(String name) {
    return ResourceId.of("ConfigMap", "ns", name);
  }

  private static Node.Obj doc(String name, String value) {
    return Node.obj("kind", Node.str("ConfigMap"), "data", Node.obj(name, Node.str(value)));
  }

  private static String describe(Plan plan) {
    return plan.changes().map(c -> c.action() + " " + c.id().name()).mkString(", ");
  }

  @Test
  void interleavedAndMissingResourcesPlanTheSameInEitherOrder() {
    DesiredState desired =
        DesiredState.of(
            REV, List.of("a", "c", "e", "g", "i").map(n -> Resource.of(id(n), doc(n, "1"))));
    TreeMap<ResourceId, Node.Obj> observed = TreeMap.empty();
    for (String n : List.of("b", "c", "d", "g", "h")) {
      observed = observed.put(id(n), doc(n, n.equals("g") ? "0" : "1"));
    }
    TreeMap<ResourceId, Node.Obj> reversed = TreeMap.empty(Comparator.reverseOrder());
    for (var e : observed) {
      reversed = reversed.put(e._1, e._2);
    }
    Inventory owned = Inventory.of(List.of(id("b"), id("d"), id("h")));

    Plan sameOrder =
        new DefaultPlanner().plan(desired, new ActualState(observed), owned, PlanOptions.DEFAULTS);
    Plan otherOrder =
        new DefaultPlanner().plan(desired, new ActualState(reversed), owned, PlanOptions.DEFAULTS);

    assertThat(describe(sameOrder))
        .isEqualTo("CREATE a, CREATE e, UPDATE g, CREATE i, DELETE b, DELETE d, DELETE h");
    assertThat(describe(otherOrder)).isEqualTo(describe(sameOrder));
    assertThat(sameOrder.changes().filter(Change.Update.class::isInstance).map(Change::id))
        .containsExactly(id("g"));
  }
}
