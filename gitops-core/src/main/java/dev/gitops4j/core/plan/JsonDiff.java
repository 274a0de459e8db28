package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.JsonPointer;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.ListKey;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.core.plan.internal.Fenwick;
import dev.gitops4j.core.plan.internal.Myers;
import dev.gitops4j.core.plan.internal.NodeHash;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Computes a small RFC 6902 patch: objects member by member, arrays by a longest common subsequence
 * (Myers) over equality classes of their elements, or over merge keys for lists of keyed objects. A
 * removed element next to an inserted one becomes an in-place change; an element that moved becomes
 * one {@code move}. Indices are tracked with a Fenwick tree, so emitting the patch of an array is
 * O(n log n) whatever its shape.
 */
final class JsonDiff {
  private static final byte MODIFY = 3;

  private final DiffOptions options;
  private final ArrayList<PatchOperation> out = new ArrayList<>();

  private JsonDiff(DiffOptions options) {
    this.options = options;
  }

  static Vector<PatchOperation> diff(Node from, Node to, DiffOptions options) {
    JsonDiff d = new JsonDiff(options);
    d.node(from, to, "");
    return Vector.ofAll(d.out);
  }

  private void node(Node from, Node to, String path) {
    if (JsonPatch.jsonEquals(from, to)) {
      return;
    }
    if (from instanceof Node.Obj a && to instanceof Node.Obj b) {
      for (var e : a.fields()) {
        if (!b.fields().containsKey(e._1)) {
          out.add(PatchOperation.remove(path + "/" + JsonPointer.escape(e._1)));
        }
      }
      for (var e : b.fields()) {
        String child = path + "/" + JsonPointer.escape(e._1);
        Option<Node> old = a.get(e._1);
        if (old.isEmpty()) {
          out.add(PatchOperation.add(child, e._2));
        } else {
          node(old.get(), e._2, child);
        }
      }
    } else if (from instanceof Node.Arr a && to instanceof Node.Arr b) {
      array(a.items(), b.items(), path);
    } else {
      out.add(PatchOperation.replace(path, to));
    }
  }

  /** An element changed in place: its nested patch, or one replace when that is not smaller. */
  private void modify(Node from, Node to, String path) {
    int mark = out.size();
    node(from, to, path);
    int ops = out.size() - mark;
    if (ops > 1 && ops >= members(to)) {
      out.subList(mark, out.size()).clear();
      out.add(PatchOperation.replace(path, to));
    }
  }

  private static int members(Node n) {
    if (n instanceof Node.Obj o) {
      return o.fields().size();
    }
    return n instanceof Node.Arr a ? a.items().size() : 1;
  }

  private void array(Vector<Node> x, Vector<Node> y, String path) {
    int[] a = new int[x.size()];
    int[] b = new int[y.size()];
    Option<String> key = keyFor(path, x, y);
    Classes classes = new Classes();
    for (int i = 0; i < a.length; i++) {
      a[i] = classes.of(key.isEmpty() ? x.get(i) : ((Node.Obj) x.get(i)).get(key.get()).get());
    }
    for (int j = 0; j < b.length; j++) {
      b[j] = classes.of(key.isEmpty() ? y.get(j) : ((Node.Obj) y.get(j)).get(key.get()).get());
    }
    Script s = new Script(Myers.script(a, b));
    if (key.isEmpty()) {
      s = s.pairRuns();
    }
    int[] partner = s.movePairs(a, b);
    boolean[] live = new boolean[s.length];
    for (int k = 0; k < s.length; k++) {
      live[k] = s.steps[k] != Myers.INSERT;
    }
    Fenwick index = new Fenwick(live);
    for (int k = 0; k < s.length; k++) {
      switch (s.steps[k]) {
        case Myers.KEEP -> {
          if (key.isDefined()) {
            node(x.get(s.xs[k]), y.get(s.ys[k]), path + "/" + index.prefix(k));
          }
        }
        case MODIFY -> modify(x.get(s.xs[k]), y.get(s.ys[k]), path + "/" + index.prefix(k));
        case Myers.DELETE -> {
          if (partner[k] < 0) {
            out.add(PatchOperation.remove(path + "/" + index.prefix(k)));
            index.add(k, -1);
          }
        }
        default -> {
          int p = partner[k];
          if (p < 0) {
            out.add(PatchOperation.add(path + "/" + index.prefix(k), y.get(s.ys[k])));
          } else {
            int from = index.prefix(p);
            index.add(p, -1);
            int to = index.prefix(k);
            if (from != to) {
              out.add(PatchOperation.move(path + "/" + from, path + "/" + to));
            }
            if (key.isDefined()) {
              node(x.get(s.xs[p]), y.get(s.ys[k]), path + "/" + to);
            }
          }
          index.add(k, 1);
        }
      }
    }
  }

  /** The merge key for the list at {@code path}, if one applies to every element on both sides. */
  private Option<String> keyFor(String path, Vector<Node> x, Vector<Node> y) {
    for (ListKey k : options.listKeys()) {
      if (k.matches(path)) {
        return keyed(x, y, k.key(), false) ? Option.of(k.key()) : Option.none();
      }
    }
    return options.nameKey() && keyed(x, y, "name", true) ? Option.of("name") : Option.none();
  }

  private static boolean keyed(Vector<Node> x, Vector<Node> y, String key, boolean strings) {
    return x.size() + y.size() > 0
        && distinctKeys(x, key, strings)
        && distinctKeys(y, key, strings);
  }

  private static boolean distinctKeys(Vector<Node> items, String key, boolean strings) {
    Classes seen = new Classes();
    for (Node item : items) {
      if (!(item instanceof Node.Obj o)) {
        return false;
      }
      Option<Node> k = o.get(key);
      if (k.isEmpty()
          || k.get() instanceof Node.Obj
          || k.get() instanceof Node.Arr
          || k.get() instanceof Node.SecretText
          || (strings && !(k.get() instanceof Node.Str))) {
        return false;
      }
      int before = seen.size();
      seen.of(k.get());
      if (seen.size() == before) {
        return false;
      }
    }
    return true;
  }

  /** Numbers each distinct JSON value (by JSON equality) in order of first appearance. */
  private static final class Classes {
    private final Map<Key, Integer> ids = new HashMap<>();

    int of(Node n) {
      return ids.computeIfAbsent(new Key(n, NodeHash.of(n)), k -> ids.size());
    }

    int size() {
      return ids.size();
    }
  }

  private record Key(Node node, int hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && JsonPatch.jsonEquals(k.node, node);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** An edit script with the element index of each step on both sides (-1 where absent). */
  private static final class Script {
    final byte[] steps;
    final int[] xs;
    final int[] ys;
    final int length;

    Script(byte[] steps) {
      this.steps = steps;
      this.length = steps.length;
      this.xs = new int[length];
      this.ys = new int[length];
      int i = 0;
      int j = 0;
      for (int k = 0; k < length; k++) {
        xs[k] = steps[k] == Myers.INSERT ? -1 : i++;
        ys[k] = steps[k] == Myers.DELETE ? -1 : j++;
      }
    }

    private Script(byte[] steps, int[] xs, int[] ys, int length) {
      this.steps = steps;
      this.xs = xs;
      this.ys = ys;
      this.length = length;
    }

    /**
     * Within each run of deletes and inserts, pairs the i-th deleted with the i-th inserted element
     * as an in-place modification; the rest of the run stays deletes or inserts.
     */
    Script pairRuns() {
      byte[] st = new byte[length];
      int[] nx = new int[length];
      int[] ny = new int[length];
      int n = 0;
      int k = 0;
      while (k < length) {
        if (steps[k] == Myers.KEEP) {
          st[n] = Myers.KEEP;
          nx[n] = xs[k];
          ny[n++] = ys[k++];
          continue;
        }
        int x0 = -1;
        int y0 = -1;
        int dels = 0;
        int ins = 0;
        for (; k < length && steps[k] != Myers.KEEP; k++) {
          if (steps[k] == Myers.DELETE) {
            x0 = dels++ == 0 ? xs[k] : x0;
          } else {
            y0 = ins++ == 0 ? ys[k] : y0;
          }
        }
        int pairs = Math.min(dels, ins);
        for (int q = 0; q < Math.max(dels, ins); q++) {
          st[n] = q < pairs ? MODIFY : dels > ins ? Myers.DELETE : Myers.INSERT;
          nx[n] = q < pairs || dels > ins ? x0 + q : -1;
          ny[n++] = q < pairs || ins > dels ? y0 + q : -1;
        }
      }
      return new Script(st, nx, ny, n);
    }

    /** For each delete the insert of an equal element it moves to, and back; -1 where none. */
    int[] movePairs(int[] a, int[] b) {
      int[] partner = new int[length];
      java.util.Arrays.fill(partner, -1);
      Map<Integer, ArrayDeque<Integer>> deleted = new HashMap<>();
      for (int k = 0; k < length; k++) {
        if (steps[k] == Myers.DELETE) {
          deleted.computeIfAbsent(a[xs[k]], c -> new ArrayDeque<>()).add(k);
        }
      }
      if (deleted.isEmpty()) {
        return partner;
      }
      for (int k = 0; k < length; k++) {
        if (steps[k] == Myers.INSERT) {
          ArrayDeque<Integer> q = deleted.get(b[ys[k]]);
          if (q != null && !q.isEmpty()) {
            int d = q.poll();
            partner[k] = d;
            partner[d] = k;
          }
        }
      }
      return partner;
    }
  }
}
