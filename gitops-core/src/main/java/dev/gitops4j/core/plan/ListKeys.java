package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.ListKey;
import dev.gitops4j.core.plan.internal.NodeHash;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.HashMap;
import java.util.Map;

/** Which merge key, if any, applies to a list, and lookups by key value. */
final class ListKeys {
  private ListKeys() {}

  /** The merge key for the lists at {@code path}, if one applies to every element of each. */
  @SafeVarargs
  static Option<String> keyFor(DiffOptions options, String path, Vector<Node>... lists) {
    for (ListKey k : options.listKeys()) {
      if (k.matches(path)) {
        return keyed(k.key(), false, lists) ? Option.of(k.key()) : Option.none();
      }
    }
    return options.nameKey() && keyed("name", true, lists) ? Option.of("name") : Option.none();
  }

  @SafeVarargs
  private static boolean keyed(String key, boolean strings, Vector<Node>... lists) {
    int total = 0;
    for (Vector<Node> l : lists) {
      if (!distinctKeys(l, key, strings)) {
        return false;
      }
      total += l.size();
    }
    return total > 0;
  }

  private static boolean distinctKeys(Vector<Node> items, String key, boolean strings) {
    java.util.Set<Key> seen = new java.util.HashSet<>();
    for (Node item : items) {
      if (!(item instanceof Node.Obj o)) {
        return false;
      }
      Option<Node> k = o.get(key);
      if (k.isEmpty()
          || k.get() instanceof Node.Obj
          || k.get() instanceof Node.Arr
          || k.get() instanceof Node.SecretText
          || (strings && !(k.get() instanceof Node.Str))
          || !seen.add(Key.of(k.get()))) {
        return false;
      }
    }
    return true;
  }

  /** The key value of a keyed element. */
  static Key key(Node item, String key) {
    return Key.of(((Node.Obj) item).get(key).get());
  }

  /** The elements of a keyed list by key value. */
  static Map<Key, Node> index(Vector<Node> items, String key) {
    Map<Key, Node> out = new HashMap<>();
    for (Node item : items) {
      if (item instanceof Node.Obj o && o.get(key).isDefined()) {
        out.putIfAbsent(Key.of(o.get(key).get()), item);
      }
    }
    return out;
  }

  /** A JSON value as a hash key: equal by JSON equality. */
  record Key(Node node, int hash) {
    static Key of(Node node) {
      return new Key(node, NodeHash.of(node));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && JsonPatch.jsonEquals(k.node, node);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
