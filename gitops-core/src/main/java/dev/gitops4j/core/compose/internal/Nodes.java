package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/** Small helpers to read and rebuild immutable {@link Node} trees. */
public final class Nodes {
  private Nodes() {}

  /** The string at a slash-separated path of mapping keys, if present and a string. */
  public static Option<String> text(Node node, String... keys) {
    return get(node, keys).flatMap(Node::asText);
  }

  /** The node at a path of mapping keys. */
  public static Option<Node> get(Node node, String... keys) {
    Node at = node;
    for (String k : keys) {
      if (!(at instanceof Node.Obj o)) {
        return Option.none();
      }
      Option<Node> next = o.get(k);
      if (next.isEmpty()) {
        return Option.none();
      }
      at = next.get();
    }
    return Option.of(at);
  }

  /** The mapping at a path, or empty. */
  public static Node.Obj obj(Node node, String... keys) {
    return get(node, keys)
        .filter(Node.Obj.class::isInstance)
        .map(Node.Obj.class::cast)
        .getOrElse(Node.Obj.EMPTY);
  }

  /** A copy with the value at a path of mapping keys replaced (intermediate mappings created). */
  public static Node.Obj set(Node.Obj node, Node value, String... keys) {
    return update(node, 0, keys, old -> value);
  }

  /** A copy with the value at a path changed by {@code fn} (given null-free current value). */
  public static Node.Obj update(Node.Obj node, UnaryOperator<Node> fn, String... keys) {
    return update(node, 0, keys, fn);
  }

  private static Node.Obj update(Node.Obj node, int i, String[] keys, UnaryOperator<Node> fn) {
    Node current = node.get(keys[i]).getOrElse(Node.nil());
    if (i == keys.length - 1) {
      return node.with(keys[i], fn.apply(current));
    }
    Node.Obj child = current instanceof Node.Obj o ? o : Node.Obj.EMPTY;
    return node.with(keys[i], update(child, i + 1, keys, fn));
  }

  /** A copy without the key at a path. */
  public static Node.Obj remove(Node.Obj node, String... keys) {
    if (keys.length == 1) {
      return node.without(keys[0]);
    }
    Option<Node> child = node.get(keys[0]);
    if (child.isEmpty() || !(child.get() instanceof Node.Obj o)) {
      return node;
    }
    String[] rest = new String[keys.length - 1];
    System.arraycopy(keys, 1, rest, 0, rest.length);
    return node.with(keys[0], remove(o, rest));
  }

  /** A mapping of strings from a {@link java.util.Map}, in its iteration order. */
  public static Node.Obj strings(java.util.Map<String, String> map) {
    LinkedHashMap<String, Node> out = LinkedHashMap.empty();
    for (java.util.Map.Entry<String, String> e : map.entrySet()) {
      out = out.put(e.getKey(), Node.str(e.getValue()));
    }
    return new Node.Obj(out);
  }

  /** The items of a sequence, or empty. */
  public static Vector<Node> items(Option<Node> node) {
    return node.filter(Node.Arr.class::isInstance)
        .map(n -> ((Node.Arr) n).items())
        .getOrElse(Vector.empty());
  }

  /** The text form of a scalar (numbers and booleans as YAML writes them). */
  public static Option<String> scalar(Node node) {
    if (node instanceof Node.Str s) {
      return Option.of(s.value());
    }
    if (node instanceof Node.Int i) {
      return Option.of(i.value().toString());
    }
    if (node instanceof Node.Dec d) {
      return Option.of(d.value().toPlainString());
    }
    if (node instanceof Node.Bool b) {
      return Option.of(Boolean.toString(b.value()));
    }
    return Option.none();
  }
}
