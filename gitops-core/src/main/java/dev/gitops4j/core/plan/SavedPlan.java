package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.report.Reports;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A plan saved for review and applied later, as {@code gitops4j plan --out F} writes it and {@code
 * gitops4j apply --plan F} reads it: deterministic JSON (the same inputs give the same bytes) with
 * the format version, the target it was made for, the revision, and per change its action, its
 * precondition, its patch and its field changes. Secret values are redacted in the file; they are
 * re-read from the repository at apply time.
 *
 * <p>Applying re-plans the same revision against the target as it is now and applies only the
 * changes that are exactly as reviewed: a change whose precondition no longer holds, or that would
 * now differ, is {@linkplain #check refused}.
 *
 * @param target the description of the target the plan was made for ({@code Target.describe()});
 *     applying it to another target is refused
 * @param commit the full commit id the plan was made from; applying re-plans exactly this commit
 * @param document the whole saved file as a JSON object, secrets redacted
 */
public record SavedPlan(String target, String commit, Node.Obj document) {
  /** The format this class writes and reads. */
  public static final String FORMAT = "gitops4j-plan/1";

  /**
   * Checks that no component is null. The document itself is checked only by {@link #parse}.
   *
   * @param target the description of the target the plan was made for
   * @param commit the full commit id the plan was made from
   * @param document the whole saved file as a JSON object
   */
  public SavedPlan {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(document, "document");
  }

  /**
   * A change of the saved plan that does not hold any more, and why.
   *
   * @param id the resource the refused change was for
   * @param action what the saved change would have done to it
   * @param reason why it is refused and what to do (plan again), for the user
   */
  public record Refused(ResourceId id, Change.Action action, String reason) {
    @Override
    public String toString() {
      return action.jsonName() + " " + id + ": " + reason;
    }
  }

  /**
   * What applying a saved plan did: the saved changes refused as stale, and the reconcile of the
   * changes that still held (none when something was refused and partial apply was not asked for).
   *
   * @param refused the saved changes refused as stale, in the saved plan's order; empty when all
   *     held
   * @param result the reconcile of the changes that held, or none when nothing was applied
   */
  public record Outcome(Seq<Refused> refused, Option<ReconcileResult> result) {
    /**
     * Checks that no component is null.
     *
     * @param refused the saved changes refused as stale
     * @param result the reconcile of the changes that held, or none when nothing was applied
     */
    public Outcome {
      Objects.requireNonNull(refused, "refused");
      Objects.requireNonNull(result, "result");
    }

    /**
     * True when every saved change held and was applied with success.
     *
     * @return whether nothing was refused and the reconcile succeeded
     */
    public boolean succeeded() {
      return refused.isEmpty() && result.exists(ReconcileResult::succeeded);
    }
  }

  /**
   * The plan as saved: its JSON document, with format and target.
   *
   * @param plan the plan to save, as planned for review
   * @param target the description of the target it was planned against, written into the file
   * @return the saved plan, ready for {@link #toJson()}
   */
  public static SavedPlan of(Plan plan, String target) {
    Node.Obj doc = Node.obj("format", Node.str(FORMAT), "target", Node.str(target));
    for (var e : Reports.plan(plan).fields()) {
      doc = doc.with(e._1, e._2);
    }
    return new SavedPlan(target, plan.revision().commit(), doc);
  }

  /**
   * The deterministic JSON text of the file.
   *
   * @return pretty-printed JSON ending with a newline; the same plan gives the same bytes
   */
  public String toJson() {
    return Documents.toJson(document);
  }

  /**
   * Reads a saved plan, or says what is wrong with the text.
   *
   * @param name the file name, used in the messages
   * @param json the file's text, as {@link #toJson()} wrote it
   * @return the saved plan, or a message naming the file and what is wrong (not JSON, another
   *     format version, or a missing target, commit, change id or action)
   */
  public static Either<String, SavedPlan> parse(String name, String json) {
    var parsed = Documents.parse(name, json);
    if (parsed.isLeft()) {
      return Either.left(parsed.getLeft().head().toString());
    }
    if (parsed.get().size() != 1 || !(parsed.get().head() instanceof Node.Obj doc)) {
      return Either.left(name + ": not a saved plan (one JSON object expected)");
    }
    Option<String> format = doc.get("format").flatMap(Node::asText);
    if (!format.contains(FORMAT)) {
      return Either.left(
          name
              + ": not a saved plan of format "
              + FORMAT
              + " (format: "
              + format.getOrElse("none")
              + ")");
    }
    Option<String> target = doc.get("target").flatMap(Node::asText);
    Option<String> commit = doc.at("/revision/commit").flatMap(Node::asText);
    if (target.isEmpty()
        || commit.isEmpty()
        || !(doc.get("changes").getOrNull() instanceof Node.Arr changes)) {
      return Either.left(name + ": a saved plan needs target, revision.commit and changes");
    }
    int i = 0;
    for (Node c : changes.items()) {
      Option<ResourceId> id = c.at("/resource/id").flatMap(Node::asText).flatMap(ResourceId::parse);
      Option<Change.Action> action =
          c.at("/action").flatMap(Node::asText).flatMap(SavedPlan::actionOf);
      if (id.isEmpty() || action.isEmpty()) {
        return Either.left(name + ": change " + i + " needs a resource id and a known action");
      }
      i++;
    }
    return Either.right(new SavedPlan(target.get(), commit.get(), doc));
  }

  /**
   * The saved changes as JSON objects, in apply order.
   *
   * @return each change as the file holds it (resource, action, precondition, patch, fields)
   */
  public Seq<Node.Obj> changes() {
    return ((Node.Arr) document.get("changes").get()).items().map(n -> (Node.Obj) n);
  }

  /**
   * Compares the saved plan with a fresh plan of the same revision: the fresh changes identical to
   * saved ones (in the fresh plan's waves) and the saved changes that no longer hold.
   *
   * @param fresh a plan of the saved commit against the target as it is now
   * @return the plan of the fresh changes identical to saved ones, safe to apply, and the saved
   *     changes refused, in the saved order
   */
  public Tuple2<Plan, Seq<Refused>> check(Plan fresh) {
    Map<String, Tuple2<Change, Node.Obj>> now = HashMap.empty();
    for (Change c : fresh.changes()) {
      now = now.put(c.id().toString(), Tuple.of(c, Reports.change(c)));
    }
    java.util.Set<ResourceId> valid = new java.util.HashSet<>();
    List<Refused> refused = List.empty();
    for (Node.Obj saved : changes()) {
      String id = saved.at("/resource/id").flatMap(Node::asText).getOrElse("?");
      String action = saved.get("action").flatMap(Node::asText).getOrElse("?");
      Change.Action act = actionOf(action).get();
      ResourceId rid = ResourceId.parse(id).get();
      Option<Tuple2<Change, Node.Obj>> match = now.get(id);
      if (match.isEmpty()) {
        refused =
            refused.prepend(
                new Refused(
                    rid,
                    act,
                    "the target already matches or the change is no longer planned; plan again"));
      } else if (!match
          .get()
          ._1
          .expected()
          .toString()
          .equals(saved.get("expected").flatMap(Node::asText).getOrElse(""))) {
        refused =
            refused.prepend(
                new Refused(
                    rid,
                    act,
                    "stale: the resource changed on the target since the plan was made; plan again"));
      } else if (!JsonPatch.jsonEquals(match.get()._2, saved)) {
        refused =
            refused.prepend(
                new Refused(
                    rid,
                    act,
                    "stale: the change would now differ from the reviewed one; plan again"));
      } else {
        valid.add(match.get()._1.id());
      }
    }
    Seq<Seq<Change>> waves =
        fresh.waves().map(w -> w.filter(c -> valid.contains(c.id()))).filter(w -> !w.isEmpty());
    return Tuple.of(new Plan(fresh.revision(), waves), refused.reverse());
  }

  private static Option<Change.Action> actionOf(String name) {
    return io.vavr.collection.Array.of(Change.Action.values()).find(a -> a.jsonName().equals(name));
  }
}
