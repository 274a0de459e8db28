package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.JsonPointer;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.PatchOperation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Locale;

/**
 * RFC 6902 JSON Patch over {@link Node} trees: {@link #diff} computes a patch, {@link #apply}
 * applies one (all six operations, atomically: a failing operation leaves the input untouched),
 * {@link #parse} reads a patch document. {@code apply(a, diff(a, b))} equals {@code b}.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /**
   * The operations that turn {@code from} into {@code to}; empty when they are equal. Arrays are
   * compared by longest common subsequence, lists of uniquely named objects by name (see {@link
   * DiffOptions#defaults()}).
   *
   * @param from the current document
   * @param to the wanted document
   * @return the operations in the order to apply them, with JSON Pointer paths into {@code from}
   */
  public static Seq<PatchOperation> diff(Node from, Node to) {
    return JsonDiff.diff(from, to, DiffOptions.defaults());
  }

  /**
   * As {@link #diff(Node, Node)}, matching list elements as {@code options} say.
   *
   * @param from the current document
   * @param to the wanted document
   * @param options how to match list elements
   * @return the operations that turn {@code from} into {@code to}; empty when they are equal
   */
  public static Seq<PatchOperation> diff(Node from, Node to, DiffOptions options) {
    return JsonDiff.diff(from, to, options);
  }

  /**
   * Applies every operation in order, or says which one failed and why.
   *
   * @param document the document to patch
   * @param patch the operations, in order
   * @return the patched document, or which operation failed and why
   */
  public static Either<String, Node> apply(Node document, Seq<PatchOperation> patch) {
    Node current = document;
    int index = 0;
    for (PatchOperation op : patch) {
      Either<String, Node> next = apply(current, op);
      if (next.isLeft()) {
        return Either.left(
            "operation "
                + index
                + " ("
                + op.op().jsonName()
                + " "
                + op.path()
                + "): "
                + next.getLeft());
      }
      current = next.get();
      index++;
    }
    return Either.right(current);
  }

  private static Either<String, Node> apply(Node doc, PatchOperation op) {
    Option<List<String>> path = JsonPointer.parse(op.path());
    if (path.isEmpty()) {
      return Either.left("'" + op.path() + "' is not a JSON Pointer");
    }
    List<String> at = path.get();
    return switch (op.op()) {
      case ADD -> add(doc, at, op.value().get());
      case REMOVE -> remove(doc, at);
      case REPLACE -> at.isEmpty() ? Either.right(op.value().get()) : replace(doc, at, op);
      case TEST ->
          JsonPointer.get(doc, at)
              .toEither("no value at the path")
              .flatMap(
                  v ->
                      jsonEquals(v, op.value().get())
                          ? Either.right(doc)
                          : Either.left("value differs"));
      case MOVE, COPY -> moveOrCopy(doc, op, at);
    };
  }

  private static Either<String, Node> moveOrCopy(Node doc, PatchOperation op, List<String> path) {
    Option<List<String>> from = JsonPointer.parse(op.from().get());
    if (from.isEmpty()) {
      return Either.left("'" + op.from().get() + "' is not a JSON Pointer");
    }
    Option<Node> value = JsonPointer.get(doc, from.get());
    if (value.isEmpty()) {
      return Either.left("no value at from '" + op.from().get() + "'");
    }
    if (op.op() == PatchOperation.Op.COPY) {
      return add(doc, path, value.get());
    }
    if (from.get().equals(path)) {
      return Either.right(doc);
    }
    if (path.startsWith(from.get())) {
      return Either.left("cannot move a value into itself");
    }
    return remove(doc, from.get()).flatMap(d -> add(d, path, value.get()));
  }

  private static Either<String, Node> add(Node doc, List<String> path, Node value) {
    if (path.isEmpty()) {
      return Either.right(value);
    }
    return update(
        doc,
        path,
        (parent, last) -> {
          if (parent instanceof Node.Obj o) {
            return Either.right(o.with(last, value));
          }
          Node.Arr a = (Node.Arr) parent;
          int size = a.items().size();
          Option<Integer> i = last.equals("-") ? Option.of(size) : JsonPointer.arrayIndex(last);
          if (i.isEmpty() || i.get() > size) {
            return Either.left("array index '" + last + "' is out of bounds (size " + size + ")");
          }
          return Either.right(new Node.Arr(a.items().insert(i.get(), value)));
        });
  }

  /** Replaces in place: an object member keeps its position, an array element is updated. */
  private static Either<String, Node> replace(Node doc, List<String> path, PatchOperation op) {
    Node value = op.value().get();
    return update(
        doc,
        path,
        (parent, last) -> {
          if (parent instanceof Node.Obj o) {
            return o.fields().containsKey(last)
                ? Either.right(o.with(last, value))
                : Either.left("no member '" + last + "'");
          }
          Node.Arr a = (Node.Arr) parent;
          Option<Integer> i = JsonPointer.arrayIndex(last);
          if (i.isEmpty() || i.get() >= a.items().size()) {
            return Either.left("array index '" + last + "' is out of bounds");
          }
          return Either.right(new Node.Arr(a.items().update(i.get(), value)));
        });
  }

  private static Either<String, Node> remove(Node doc, List<String> path) {
    if (path.isEmpty()) {
      return Either.left("cannot remove the whole document");
    }
    return update(
        doc,
        path,
        (parent, last) -> {
          if (parent instanceof Node.Obj o) {
            return o.fields().containsKey(last)
                ? Either.right(o.without(last))
                : Either.left("no member '" + last + "'");
          }
          Node.Arr a = (Node.Arr) parent;
          Option<Integer> i = JsonPointer.arrayIndex(last);
          if (i.isEmpty() || i.get() >= a.items().size()) {
            return Either.left("array index '" + last + "' is out of bounds");
          }
          return Either.right(new Node.Arr(a.items().removeAt(i.get())));
        });
  }

  private interface Edit {
    Either<String, Node> at(Node parent, String last);
  }

  /** Rebuilds the path down to the parent of the last token and edits it there. */
  private static Either<String, Node> update(Node node, List<String> path, Edit edit) {
    if (path.size() == 1) {
      if (!(node instanceof Node.Obj) && !(node instanceof Node.Arr)) {
        return Either.left("parent is not a container");
      }
      return edit.at(node, path.head());
    }
    String token = path.head();
    if (node instanceof Node.Obj o) {
      Option<Node> child = o.get(token);
      if (child.isEmpty()) {
        return Either.left("no member '" + token + "'");
      }
      return update(child.get(), path.tail(), edit).map(c -> o.with(token, c));
    }
    if (node instanceof Node.Arr a) {
      Option<Integer> i = JsonPointer.arrayIndex(token);
      if (i.isEmpty() || i.get() >= a.items().size()) {
        return Either.left("array index '" + token + "' is out of bounds");
      }
      return update(a.items().get(i.get()), path.tail(), edit)
          .map(c -> new Node.Arr(a.items().update(i.get(), c)));
    }
    return Either.left("'" + token + "' descends into a scalar");
  }

  /**
   * JSON equality: numbers compare by value, so {@code 1} equals {@code 1.0}; secret text equals a
   * string with the same value, compared by keyed hash so the value is never handled as text.
   *
   * @param a one document
   * @param b the other
   * @return whether the two are equal as JSON
   */
  @SuppressWarnings("ReferenceEquality") // the same instance is equal to itself: O(1)
  public static boolean jsonEquals(Node a, Node b) {
    if (a == b) {
      return true;
    }
    if (a instanceof Node.SecretText || b instanceof Node.SecretText) {
      return SecretCompare.equal(a, b);
    }
    if (a instanceof Node.Int i && b instanceof Node.Dec d) {
      return d.value().compareTo(new java.math.BigDecimal(i.value())) == 0;
    }
    if (a instanceof Node.Dec && b instanceof Node.Int) {
      return jsonEquals(b, a);
    }
    if (a instanceof Node.Obj x && b instanceof Node.Obj y) {
      return x.fields().size() == y.fields().size()
          && x.fields().forAll(e -> y.get(e._1).exists(v -> jsonEquals(e._2, v)));
    }
    if (a instanceof Node.Arr x && b instanceof Node.Arr y) {
      return x.items().size() == y.items().size()
          && x.items().zip(y.items()).forAll(t -> jsonEquals(t._1, t._2));
    }
    return a.equals(b);
  }

  /**
   * The patch as an RFC 6902 JSON document.
   *
   * @param patch the operations
   * @return an array with one {@code {"op": ..., "path": ...}} object per operation, in order, as
   *     {@link #parse} reads it back
   */
  public static Node.Arr toNode(Seq<PatchOperation> patch) {
    return new Node.Arr(
        patch
            .map(
                op -> {
                  Node.Obj o = Node.obj("op", Node.str(op.op().jsonName()));
                  for (String from : op.from()) {
                    o = o.with("from", Node.str(from));
                  }
                  o = o.with("path", Node.str(op.path()));
                  for (Node value : op.value()) {
                    o = o.with("value", value);
                  }
                  return (Node) o;
                })
            .toVector());
  }

  /**
   * Reads an RFC 6902 patch document (an array of operation objects).
   *
   * @param patch a JSON array of operation objects
   * @return the operations, or what is malformed
   */
  public static Either<String, Seq<PatchOperation>> parse(Node patch) {
    if (!(patch instanceof Node.Arr ops)) {
      return Either.left("a JSON Patch must be an array");
    }
    List<PatchOperation> out = List.empty();
    for (int i = 0; i < ops.items().size(); i++) {
      Either<String, PatchOperation> op = parseOp(ops.items().get(i));
      if (op.isLeft()) {
        return Either.left("operation " + i + ": " + op.getLeft());
      }
      out = out.prepend(op.get());
    }
    return Either.right(out.reverse());
  }

  private static Either<String, PatchOperation> parseOp(Node node) {
    if (!(node instanceof Node.Obj o)) {
      return Either.left("an operation must be an object");
    }
    Option<String> name = o.get("op").flatMap(Node::asText);
    Option<String> path = o.get("path").flatMap(Node::asText);
    if (name.isEmpty()) {
      return Either.left("missing 'op'");
    }
    if (path.isEmpty()) {
      return Either.left("missing or non-string 'path'");
    }
    PatchOperation.Op op;
    try {
      op = PatchOperation.Op.valueOf(name.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Either.left("unknown op '" + name.get() + "'");
    }
    Option<Node> value = o.get("value");
    Option<String> from = o.get("from").flatMap(Node::asText);
    boolean needsValue =
        op == PatchOperation.Op.ADD
            || op == PatchOperation.Op.REPLACE
            || op == PatchOperation.Op.TEST;
    boolean needsFrom = op == PatchOperation.Op.MOVE || op == PatchOperation.Op.COPY;
    if (needsValue && value.isEmpty()) {
      return Either.left("'" + name.get() + "' needs a 'value'");
    }
    if (needsFrom && from.isEmpty()) {
      return Either.left("'" + name.get() + "' needs a string 'from'");
    }
    return Either.right(
        new PatchOperation(
            op, path.get(), needsFrom ? from : Option.none(), needsValue ? value : Option.none()));
  }
}
