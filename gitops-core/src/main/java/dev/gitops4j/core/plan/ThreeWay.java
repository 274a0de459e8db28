package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.JsonPointer;
import dev.gitops4j.api.model.Node;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Three-way merge of desired (Git), actual (observed) and last applied (what this reconciler wrote
 * before), as {@code kubectl apply} does with its last-applied configuration: fields Git declares
 * take the desired value; fields present only on the target stay as they are unless this reconciler
 * declared them before (then Git removed them, and they go). Lists of keyed objects (containers by
 * {@code name}) merge element by element; other lists belong to whoever declares them.
 */
final class ThreeWay {
  private final DiffOptions options;

  ThreeWay(DiffOptions options) {
    this.options = options;
  }

  /**
   * Whether {@code actual} already is the merge, decided without building it: every declared field
   * holds its desired value and no field declared before (and removed from Git) is left.
   */
  boolean unchanged(Node desired, Node actual, Option<Node> last, String path) {
    if (desired == actual) {
      return true;
    }
    if (desired instanceof Node.Obj d && actual instanceof Node.Obj a) {
      for (var e : d.fields()) {
        Option<Node> have = a.get(e._1);
        if (have.isEmpty()) {
          return false;
        }
        Option<Node> before =
            last.flatMap(l -> l instanceof Node.Obj o ? o.get(e._1) : Option.none());
        if (!unchanged(e._2, have.get(), before, child(path, e._1))) {
          return false;
        }
      }
      if (last.isDefined() && last.get() instanceof Node.Obj l) {
        for (var e : l.fields()) {
          if (!d.fields().containsKey(e._1) && a.fields().containsKey(e._1)) {
            return false;
          }
        }
      }
      return true;
    }
    if (desired instanceof Node.Arr && actual instanceof Node.Arr) {
      return JsonPatch.jsonEquals(merge(desired, actual, last, path), actual);
    }
    return JsonPatch.jsonEquals(desired, actual);
  }

  /** The document to write: {@code actual} with every field Git owns set as Git says. */
  Node merge(Node desired, Node actual, Option<Node> last, String path) {
    if (desired instanceof Node.Obj d && actual instanceof Node.Obj a) {
      Map<String, Node> out = LinkedHashMap.empty();
      for (var e : a.fields()) {
        Option<Node> want = d.get(e._1);
        Option<Node> before =
            last.flatMap(l -> l instanceof Node.Obj o ? o.get(e._1) : Option.none());
        if (want.isDefined()) {
          out = out.put(e._1, merge(want.get(), e._2, before, child(path, e._1)));
        } else if (before.isEmpty()) {
          out = out.put(e._1, e._2);
        }
      }
      for (var e : d.fields()) {
        if (!a.fields().containsKey(e._1)) {
          out = out.put(e._1, e._2);
        }
      }
      return new Node.Obj(out);
    }
    if (desired instanceof Node.Arr d && actual instanceof Node.Arr a) {
      Option<String> key = ListKeys.keyFor(options, path, d.items(), a.items());
      if (key.isDefined()) {
        return mergeKeyed(d, a, last, path, key.get());
      }
    }
    return desired;
  }

  private Node mergeKeyed(
      Node.Arr desired, Node.Arr actual, Option<Node> last, String path, String key) {
    Vector<Node> lastItems =
        last.flatMap(l -> l instanceof Node.Arr arr ? Option.of(arr.items()) : Option.none())
            .getOrElse(Vector.empty());
    java.util.Map<ListKeys.Key, Node> actualByKey = ListKeys.index(actual.items(), key);
    java.util.Map<ListKeys.Key, Node> lastByKey = ListKeys.index(lastItems, key);
    java.util.Map<ListKeys.Key, Node> desiredByKey = ListKeys.index(desired.items(), key);
    java.util.ArrayList<Node> out = new java.util.ArrayList<>();
    for (Node d : desired.items()) {
      ListKeys.Key k = ListKeys.key(d, key);
      Node a = actualByKey.get(k);
      out.add(a == null ? d : merge(d, a, Option.of(lastByKey.get(k)), path + "/" + out.size()));
    }
    for (Node a : actual.items()) {
      ListKeys.Key k = ListKeys.key(a, key);
      if (!desiredByKey.containsKey(k) && !lastByKey.containsKey(k)) {
        out.add(a);
      }
    }
    return new Node.Arr(Vector.ofAll(out));
  }

  private static String child(String path, String key) {
    return path + "/" + JsonPointer.escape(key);
  }
}
