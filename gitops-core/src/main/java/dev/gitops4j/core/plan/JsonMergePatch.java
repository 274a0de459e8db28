package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;

/**
 * JSON Merge Patch (RFC 7396, which obsoletes RFC 7386): applies a merge patch to a document, and
 * computes the merge patch that turns one document into another. For target adapters whose API
 * takes {@code application/merge-patch+json} instead of RFC 6902: {@code Target.patch} receives the
 * RFC 6902 patch and the merged document, and {@code JsonMergePatch.diff(current, merged)} is the
 * body such an API wants.
 *
 * <pre>{@code
 * Option<Node> body = JsonMergePatch.diff(current, merged); // none: not expressible, PUT merged
 * }</pre>
 *
 * <p>A merge patch cannot set a field to {@code null} (null deletes) nor change one element of a
 * list (lists are replaced whole); {@link #diff} says so by returning none when the target document
 * holds a {@code null} inside an object it would have to merge.
 */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  /**
   * The result of applying {@code patch} to {@code target} (RFC 7396 section 2): a patch that is
   * not an object replaces the target; an object patch sets each of its fields, recursively, and
   * removes those it sets to {@code null}.
   *
   * @param target the document to patch; left unchanged
   * @param patch the merge patch
   * @return the patched document
   */
  public static Node apply(Node target, Node patch) {
    if (!(patch instanceof Node.Obj p)) {
      return patch;
    }
    Node.Obj result = target instanceof Node.Obj o ? o : Node.Obj.EMPTY;
    for (var field : p.fields()) {
      if (field._2 instanceof Node.Null) {
        result = result.without(field._1);
      } else {
        Node current = result.get(field._1).getOrElse(Node.nil());
        result = result.with(field._1, apply(current, field._2));
      }
    }
    return result;
  }

  /**
   * The merge patch that turns {@code from} into {@code to}, so that {@code apply(from, patch)}
   * equals {@code to}; none when no merge patch can (a {@code null} value inside an object of
   * {@code to} that the patch would have to merge rather than replace). An empty object when they
   * are equal.
   *
   * @param from the document as it is
   * @param to the document as it should be
   * @return a merge patch from {@code from} to {@code to}, or none when no merge patch can express
   *     the change
   */
  public static Option<Node> diff(Node from, Node to) {
    if (!(to instanceof Node.Obj target)) {
      return Option.of(to);
    }
    if (!(from instanceof Node.Obj source)) {
      return literal(target) ? Option.of(target) : Option.none();
    }
    Node.Obj patch = Node.Obj.EMPTY;
    for (var field : source.fields()) {
      if (target.get(field._1).isEmpty()) {
        patch = patch.with(field._1, Node.nil());
      }
    }
    for (var field : target.fields()) {
      Option<Node> before = source.get(field._1);
      if (before.isDefined() && JsonPatch.jsonEquals(before.get(), field._2)) {
        continue;
      }
      if (field._2 instanceof Node.Null) {
        return Option.none();
      }
      Option<Node> inner = diff(before.getOrElse(Node.nil()), field._2);
      if (inner.isEmpty()) {
        return Option.none();
      }
      patch = patch.with(field._1, inner.get());
    }
    return Option.of(patch);
  }

  /** Whether applying {@code obj} as a patch to an empty object gives {@code obj} itself. */
  private static boolean literal(Node.Obj obj) {
    for (var field : obj.fields()) {
      if (field._2 instanceof Node.Null
          || (field._2 instanceof Node.Obj inner && !literal(inner))) {
        return false;
      }
    }
    return true;
  }
}
