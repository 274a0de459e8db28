package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.FieldChange;
import dev.gitops4j.api.plan.IgnoreRule;
import dev.gitops4j.api.plan.Normalizer;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.core.plan.internal.SameTree;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans one resource: normalise, drop ignored fields, merge three ways, diff, label each field.
 * Remembers the last result per resource with its inputs, so an unchanged resource (the same
 * desired, observed and last-applied documents) is answered in O(1), and one whose documents were
 * re-read but are the same trees by one comparison walk, without a merge or a diff.
 */
final class ResourcePlanner {
  private static final int MAX_LABELLED_OPERATIONS = 2_000;

  private record Memo(
      Node.Obj desired,
      Node.Obj actual,
      Option<Node.Obj> last,
      PlanOptions options,
      Option<Change> change) {}

  private final ConcurrentHashMap<ResourceId, Memo> memo = new ConcurrentHashMap<>();
  private final Fingerprints fingerprints;
  private @org.jspecify.annotations.Nullable PlanOptions lastOptions;

  ResourcePlanner(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  /**
   * The change for one desired resource; none for a no-op unless the options list no-ops. The memo
   * answers an unchanged resource without merging or diffing: in O(1) when its three documents are
   * the instances of the last plan (documents of unchanged blobs and unchanged target files are
   * reused), else by JSON equality with them, which stops at the first difference and at shared
   * subtrees.
   */
  Option<Change> change(
      ResourceId id,
      Node.Obj desired,
      Option<Node.Obj> current,
      Option<Node.Obj> last,
      PlanOptions options) {
    if (current.isEmpty()) {
      return Option.of(new Change.Create(id, desired));
    }
    Node.Obj actual = current.get();
    Memo m = memo.get(id);
    if (m != null && same(m, desired, actual, last, options)) {
      if (!identical(m, desired, actual, last, options)) {
        memo.put(id, new Memo(desired, actual, last, options, m.change));
      }
      return m.change;
    }
    Option<Change> change = compute(id, desired, actual, last, options);
    memo.put(id, new Memo(desired, actual, last, options, change));
    return change;
  }

  /** Forgets resources not in {@code keep}, so the memo holds at most what is still declared. */
  void retainOnly(java.util.function.Predicate<ResourceId> keep) {
    memo.keySet().removeIf(id -> !keep.test(id));
  }

  /**
   * The options instance of the last plan when {@code options} equals it, so each resource compares
   * options by identity.
   */
  synchronized PlanOptions canonical(PlanOptions options) {
    PlanOptions before = lastOptions;
    if (before != null && before.equals(options)) {
      return before;
    }
    lastOptions = options;
    return options;
  }

  int memoSize() {
    return memo.size();
  }

  @SuppressWarnings("ReferenceEquality") // identity first: the O(1) answer
  private static boolean identical(
      Memo m, Node.Obj desired, Node.Obj actual, Option<Node.Obj> last, PlanOptions options) {
    return m.desired == desired
        && m.actual == actual
        && (m.last.isEmpty() ? last.isEmpty() : last.isDefined() && m.last.get() == last.get())
        && m.options == options;
  }

  @SuppressWarnings("ReferenceEquality")
  private static boolean same(
      Memo m, Node.Obj desired, Node.Obj actual, Option<Node.Obj> last, PlanOptions options) {
    return (m.options == options || m.options.equals(options))
        && SameTree.equal(m.desired, desired)
        && SameTree.equal(m.actual, actual)
        && SameTree.equal(m.last, last);
  }

  @SuppressWarnings("ReferenceEquality") // the merge returns the observed document when unchanged
  private Option<Change> compute(
      ResourceId id,
      Node.Obj desiredBody,
      Node.Obj actual,
      Option<Node.Obj> lastBody,
      PlanOptions options) {
    Node.Obj desired = prepare(id, desiredBody, options);
    Option<Node.Obj> last = lastBody.map(l -> prepare(id, l, options));
    DiffOptions diffOptions = DiffOptions.defaults().withListKeys(options.listKeys());
    ThreeWay threeWay = new ThreeWay(diffOptions);
    Option<Node> before = Option.narrow(last);
    // the target holds exactly what Git declares: nothing to merge, whatever was applied before
    Node.Obj merged =
        SameTree.equal(desired, actual) || threeWay.unchanged(desired, actual, before, "")
            ? actual
            : (Node.Obj) threeWay.merge(desired, actual, before, "");
    if (merged == actual || JsonPatch.jsonEquals(actual, merged)) {
      return options.includeNoOps()
          ? Option.of(new Change.NoOp(id, fingerprints.present(actual)))
          : Option.none();
    }
    Precondition expected = fingerprints.present(actual);
    if (needsReplace(id, desired, actual, options)) {
      return Option.of(new Change.Replace(id, desiredBody, expected));
    }
    Seq<PatchOperation> patch = JsonPatch.diff(actual, merged, diffOptions);
    return Option.of(
        new Change.Update(id, desiredBody, patch, expected, fields(actual, patch, desired, last)));
  }

  /** The declared document as the target would hold it, without the ignored fields. */
  private static Node.Obj prepare(ResourceId id, Node.Obj doc, PlanOptions options) {
    Node.Obj out = doc;
    for (Normalizer n : options.normalizers()) {
      out = n.normalize(id, out);
    }
    for (IgnoreRule rule : options.ignores()) {
      if (rule.appliesTo(id)) {
        Either<String, Node> without =
            JsonPatch.apply(out, List.of(PatchOperation.remove(rule.pointer())));
        if (without.isRight() && without.get() instanceof Node.Obj o) {
          out = o;
        }
      }
    }
    return out;
  }

  private static boolean needsReplace(
      ResourceId id, Node.Obj desired, Node.Obj actual, PlanOptions options) {
    if (desired.get("apiVersion").isDefined()
        && !desired.get("apiVersion").equals(actual.get("apiVersion"))) {
      return true;
    }
    for (String pointer : options.immutableFields().get(id.kind()).getOrElse(List.empty())) {
      Option<Node> want = desired.at(pointer);
      Option<Node> have = actual.at(pointer);
      if (want.isDefined() && (have.isEmpty() || !JsonPatch.jsonEquals(want.get(), have.get()))) {
        return true;
      }
    }
    return false;
  }

  /** Each field the patch touches, with its value before and after and why it changes. */
  private static Seq<FieldChange> fields(
      Node.Obj actual, Seq<PatchOperation> patch, Node.Obj desired, Option<Node.Obj> last) {
    if (patch.size() > MAX_LABELLED_OPERATIONS) {
      return List.empty();
    }
    ArrayList<FieldChange> out = new ArrayList<>();
    Node doc = actual;
    for (PatchOperation op : patch) {
      String path = op.path();
      switch (op.op()) {
        case ADD -> {
          Option<Node> before = parentIsObject(doc, path) ? doc.at(path) : Option.none();
          out.add(new FieldChange(path, before, op.value(), reason(path, desired, last)));
        }
        case REMOVE ->
            out.add(
                new FieldChange(path, doc.at(path), Option.none(), reason(path, desired, last)));
        case REPLACE ->
            out.add(new FieldChange(path, doc.at(path), op.value(), reason(path, desired, last)));
        case MOVE -> {
          String from = op.from().get();
          Option<Node> value = doc.at(from);
          FieldChange.Reason why = reason(path, desired, last);
          out.add(new FieldChange(from, value, Option.none(), why));
          out.add(new FieldChange(path, Option.none(), value, why));
        }
        default -> {}
      }
      doc = JsonPatch.apply(doc, List.of(op)).getOrElse(doc);
    }
    return List.ofAll(out).map(f -> protect(f, desired, last));
  }

  /**
   * A field that holds a secret in Git or held one when last applied shows its values as secret
   * text, so the plaintext a target returns never reaches a rendered plan.
   */
  private static FieldChange protect(FieldChange f, Node.Obj desired, Option<Node.Obj> last) {
    boolean secret =
        desired.at(f.path()).exists(ResourcePlanner::isSecret)
            || last.flatMap(l -> l.at(f.path())).exists(ResourcePlanner::isSecret);
    if (!secret) {
      return f;
    }
    return new FieldChange(
        f.path(),
        f.before().map(ResourcePlanner::hide),
        f.after().map(ResourcePlanner::hide),
        f.reason());
  }

  private static boolean isSecret(Node n) {
    return n instanceof Node.SecretText || n.equals(Node.str(Secret.REDACTED));
  }

  private static Node hide(Node n) {
    if (n instanceof Node.Str s) {
      return new Node.SecretText(Secret.of(s.value()));
    }
    if (n instanceof Node.Obj o) {
      return new Node.Obj(o.fields().mapValues(ResourcePlanner::hide));
    }
    return n instanceof Node.Arr a ? new Node.Arr(a.items().map(ResourcePlanner::hide)) : n;
  }

  private static boolean parentIsObject(Node doc, String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 && doc.at(path.substring(0, slash)).exists(p -> p instanceof Node.Obj);
  }

  private static FieldChange.Reason reason(String path, Node.Obj desired, Option<Node.Obj> last) {
    if (last.isEmpty()) {
      return FieldChange.Reason.CHANGED_IN_GIT;
    }
    Option<Node> want = desired.at(path);
    Option<Node> before = last.get().at(path);
    if (want.isEmpty()) {
      return before.isDefined()
          ? FieldChange.Reason.REMOVED_FROM_GIT
          : FieldChange.Reason.CHANGED_IN_GIT;
    }
    return before.isDefined() && JsonPatch.jsonEquals(want.get(), before.get())
        ? FieldChange.Reason.DRIFT
        : FieldChange.Reason.CHANGED_IN_GIT;
  }
}
