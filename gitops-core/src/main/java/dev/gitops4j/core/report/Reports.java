package dev.gitops4j.core.report;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.FieldChange;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.plan.JsonPatch;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Locale;

/**
 * Plans, results and problems as JSON-ready {@link Node} documents: the reviewable artefact form
 * that {@code gitops4j plan --json} prints. Every change names its resource (kind, namespace, name)
 * and action; an update carries its RFC 6902 operations; a create or replace carries the desired
 * document.
 */
public final class Reports {
  private Reports() {}

  /**
   * A plan as JSON.
   *
   * @param plan the plan to report
   * @return an object with {@code revision}, {@code inSync}, {@code summary} (a count per action)
   *     and {@code changes} (each as {@link #change} gives it, in apply order)
   */
  public static Node.Obj plan(Plan plan) {
    Vector<Node> changes = Vector.empty();
    for (Change c : plan.changes()) {
      changes = changes.append(change(c));
    }
    return Node.obj(
        "revision", revision(plan.revision()),
        "inSync", Node.bool(plan.isEmpty()),
        "summary", summary(plan),
        "changes", new Node.Arr(changes));
  }

  /**
   * A reconcile result as JSON, with its plan.
   *
   * @param result the result to report
   * @return an object with {@code revision}, {@code status}, {@code applied}, {@code
   *     durationMillis}, {@code failure} when there was one, and {@code plan}
   */
  public static Node.Obj result(ReconcileResult result) {
    Vector<Node> applied =
        result
            .applied()
            .map(
                a ->
                    (Node)
                        Node.obj("resource", id(a.id()), "action", Node.str(a.action().jsonName())))
            .toVector();
    Node.Obj out =
        Node.obj(
            "revision", revision(result.revision()),
            "status", Node.str(result.status().name().toLowerCase(Locale.ROOT)),
            "applied", new Node.Arr(applied),
            "durationMillis", Node.num(result.duration().toMillis()));
    for (ReconcileResult.Failure f : result.failure()) {
      Node.Obj failure = Node.obj("message", Node.str(f.message()));
      for (ResourceId id : f.id()) {
        failure = failure.with("resource", id(id));
      }
      for (Change.Action action : f.action()) {
        failure = failure.with("action", Node.str(action.jsonName()));
      }
      out = out.with("failure", failure);
    }
    return out.with("plan", plan(result.plan()));
  }

  /**
   * Problems as JSON.
   *
   * @param problems the problems that made the input invalid, in the order to show them
   * @return {@code {"valid": false, "problems": [...]}}, each problem with file, line, column,
   *     rule, message and its resource when it has one
   */
  public static Node.Obj problems(Seq<Problem> problems) {
    Vector<Node> list =
        problems
            .map(
                p -> {
                  Node.Obj o =
                      Node.obj(
                          "file", Node.str(p.file()),
                          "line", Node.num(p.line()),
                          "column", Node.num(p.column()),
                          "rule", Node.str(p.rule()),
                          "message", Node.str(p.message()));
                  return (Node) p.resource().map(id -> o.with("resource", id(id))).getOrElse(o);
                })
            .toVector();
    return Node.obj("valid", Node.bool(false), "problems", new Node.Arr(list));
  }

  /**
   * A resource id as {@code {kind, namespace?, name, id}}.
   *
   * @param id the resource id
   * @return its parts, the namespace only when it has one, and {@code id} as {@link
   *     ResourceId#toString()} writes it
   */
  public static Node.Obj id(ResourceId id) {
    Node.Obj o = Node.obj("kind", Node.str(id.kind()));
    for (String ns : id.namespace()) {
      o = o.with("namespace", Node.str(ns));
    }
    return o.with("name", Node.str(id.name())).with("id", Node.str(id.toString()));
  }

  /**
   * One change as JSON, as it appears in a plan.
   *
   * @param c the change
   * @return an object with {@code action}, {@code resource}, {@code expected} (its precondition),
   *     and the {@code patch} and {@code fields} of an update or the {@code desired} document of a
   *     create or replace; secret field values redacted
   */
  public static Node.Obj change(Change c) {
    Node.Obj o =
        Node.obj(
            "action", Node.str(c.action().jsonName()),
            "resource", id(c.id()),
            "expected", Node.str(c.expected().toString()));
    if (c instanceof Change.Update u) {
      o = o.with("patch", JsonPatch.toNode(u.patch()));
      if (!u.fields().isEmpty()) {
        o = o.with("fields", fields(c, u.fields()));
      }
    } else if (c instanceof Change.Create cr) {
      o = o.with("desired", cr.desired());
    } else if (c instanceof Change.Replace r) {
      o = o.with("desired", r.desired());
    }
    return o;
  }

  /** Field changes with their reason; secret values (and all values of a Secret) redacted. */
  private static Node.Arr fields(Change c, Seq<FieldChange> fields) {
    return new Node.Arr(
        fields
            .map(
                f -> {
                  boolean secret = PlanFormat.isSecret(c.id(), f);
                  Node.Obj o = Node.obj("path", Node.str(f.path()));
                  for (Node v : f.before()) {
                    o = o.with("before", secret ? Node.str(Secret.REDACTED) : v);
                  }
                  for (Node v : f.after()) {
                    o = o.with("after", secret ? Node.str(Secret.REDACTED) : v);
                  }
                  return (Node) o.with("reason", Node.str(f.reason().jsonName()));
                })
            .toVector());
  }

  private static Node.Obj summary(Plan plan) {
    Node.Obj o = Node.Obj.EMPTY;
    for (Change.Action a : Change.Action.values()) {
      o = o.with(a.jsonName(), Node.num(plan.count(a)));
    }
    return o;
  }

  private static Node.Obj revision(Revision r) {
    return Node.obj(
        "commit", Node.str(r.commit()),
        "ref", Node.str(r.ref()),
        "time", Node.str(r.time().toString()),
        "summary", Node.str(r.summary()));
  }
}
