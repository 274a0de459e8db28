package dev.gitops4j.testkit;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import io.vavr.collection.Seq;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Plan}; ids are written as {@code Kind/namespace/name} or {@code
 * Kind/name}. A failure message lists the whole plan.
 */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {
  PlanAssert(Plan plan) {
    super(plan, PlanAssert.class);
  }

  /**
   * The plan creates each of these resources.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public PlanAssert creates(String... ids) {
    return has(Change.Action.CREATE, ids);
  }

  /**
   * The plan updates each of these resources (with a patch).
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public PlanAssert updates(String... ids) {
    return has(Change.Action.UPDATE, ids);
  }

  /**
   * The plan replaces (deletes and recreates) each of these resources.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public PlanAssert replaces(String... ids) {
    return has(Change.Action.REPLACE, ids);
  }

  /**
   * The plan deletes each of these resources.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public PlanAssert deletes(String... ids) {
    return has(Change.Action.DELETE, ids);
  }

  /**
   * The plan leaves each of these resources as they are.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}; none passes
   * @return this assertion
   */
  public PlanAssert leavesAlone(String... ids) {
    for (String id : ids) {
      ResourceId rid = Ids.parse(id);
      if (actual.effectiveChanges().exists(c -> c.id().equals(rid))) {
        failWithMessage("Expected the plan to leave %s alone, but it has:%n%s", id, describe());
      }
    }
    return this;
  }

  /**
   * The plan creates nothing.
   *
   * @return this assertion
   */
  public PlanAssert createsNothing() {
    return none(Change.Action.CREATE);
  }

  /**
   * The plan updates nothing.
   *
   * @return this assertion
   */
  public PlanAssert updatesNothing() {
    return none(Change.Action.UPDATE);
  }

  /**
   * The plan deletes nothing.
   *
   * @return this assertion
   */
  public PlanAssert deletesNothing() {
    return none(Change.Action.DELETE);
  }

  /**
   * Applying the plan would change nothing.
   *
   * @return this assertion
   */
  public PlanAssert isEmpty() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("Expected an empty plan, but it has:%n%s", describe());
    }
    return this;
  }

  /**
   * The plan changes something.
   *
   * @return this assertion
   */
  public PlanAssert isNotEmpty() {
    isNotNull();
    if (actual.isEmpty()) {
      failWithMessage("Expected a plan with changes, but it is empty");
    }
    return this;
  }

  /**
   * The plan has exactly these effective changes, as {@code "create Kind/ns/name"}, in order.
   *
   * @param changes one line per change, action in lower case; none means an empty plan
   * @return this assertion
   */
  public PlanAssert hasChangesExactly(String... changes) {
    isNotNull();
    Seq<String> got = actual.effectiveChanges().map(PlanAssert::line);
    if (!got.toJavaList().equals(java.util.List.of(changes))) {
      failWithMessage(
          "Expected the changes%n  %s%nbut the plan has%n  %s",
          String.join("\n  ", changes), got.mkString("\n  "));
    }
    return this;
  }

  private PlanAssert has(Change.Action action, String... ids) {
    isNotNull();
    for (String id : ids) {
      ResourceId rid = Ids.parse(id);
      if (!actual.changes().exists(c -> c.id().equals(rid) && c.action() == action)) {
        failWithMessage(
            "Expected the plan to %s %s, but it has:%n%s", action.jsonName(), id, describe());
      }
    }
    return this;
  }

  private PlanAssert none(Change.Action action) {
    isNotNull();
    Seq<Change> found = actual.changes().filter(c -> c.action() == action);
    if (!found.isEmpty()) {
      failWithMessage(
          "Expected the plan to %s nothing, but it would %s %s%nThe plan:%n%s",
          action.jsonName(), action.jsonName(), found.map(Change::id).mkString(", "), describe());
    }
    return this;
  }

  private String describe() {
    Seq<Change> effective = actual.effectiveChanges();
    return effective.isEmpty()
        ? "  (no changes)"
        : effective.map(c -> "  " + line(c)).mkString("\n");
  }

  private static String line(Change c) {
    return c.action().jsonName() + " " + c.id();
  }
}
