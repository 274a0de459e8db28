package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.JsonPointer;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.core.plan.internal.Fenwick;
import dev.gitops4j.core.plan.internal.Myers;
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
    if (from == to) {
      return;
    }
    if (from instanceof Node.Obj a && to instanceof Node.Obj b) {
      object(a, b, path);
    } else if (from instanceof Node.Arr a && to instanceof Node.Arr b) {
      array(a.items(), b.items(), path);
    } else if (!JsonPatch.jsonEquals(from, to)) {
      out.add(PatchOperation.replace(path, to));
    }
  }

  private void object(Node.Obj a, Node.Obj b, String path) {
    for (var e : a.fields()) {
      if (!b.fields().containsKey(e._1)) {
        out.add(PatchOperation.remove(path + "/" + JsonPointer.escape(e._1)));
      }
    }
    for (var e : b.fields()) {
      Option<Node> old = a.get(e._1);
      if (old.isEmpty()) {
        out.add(PatchOperation.add(path + "/" + JsonPointer.escape(e._1), e._2));
      } else if (old.get() != e._2) {
        Node o = old.get();
        boolean containers =
            (o instanceof Node.Obj && e._2 instanceof Node.Obj)
                || (o instanceof Node.Arr && e._2 instanceof Node.Arr);
        if (containers) {
          node(o, e._2, path + "/" + JsonPointer.escape(e._1));
        } else if (!JsonPatch.jsonEquals(o, e._2)) {
          out.add(PatchOperation.replace(path + "/" + JsonPointer.escape(e._1), e._2));
        }
      }
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
    Option<String> key = ListKeys.keyFor(options, path, x, y);
    if (key.isEmpty()) {
      int prefix = 0;
      int max = Math.min(x.size(), y.size());
      while (prefix < max && same(x.get(prefix), y.get(prefix))) {
        prefix++;
      }
      int suffix = 0;
      while (suffix < max - prefix
          && same(x.get(x.size() - 1 - suffix), y.get(y.size() - 1 - suffix))) {
        suffix++;
      }
      if (prefix + suffix == x.size() && prefix + suffix == y.size()) {
        return;
      }
      if (prefix > 0 || suffix > 0) {
        int before = out.size();
        array(x.slice(prefix, x.size() - suffix), y.slice(prefix, y.size() - suffix), path);
        shift(before, path, prefix);
        return;
      }
    }
    int[] a = new int[x.size()];
    int[] b = new int[y.size()];
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

  private static boolean same(Node a, Node b) {
    return a == b || JsonPatch.jsonEquals(a, b);
  }

  /**
   * Re-bases the operations emitted since {@code from} for a sub-list that starts at {@code offset}
   * of the list at {@code path}: their first index below {@code path} moves up by {@code offset}.
   */
  private void shift(int from, String path, int offset) {
    for (int i = from; i < out.size(); i++) {
      PatchOperation op = out.get(i);
      out.set(
          i,
          new PatchOperation(
              op.op(),
              rebase(op.path(), path, offset),
              op.from().map(f -> rebase(f, path, offset)),
              op.value()));
    }
  }

  private static String rebase(String pointer, String path, int offset) {
    int start = path.length() + 1;
    int end = pointer.indexOf('/', start);
    String index = end < 0 ? pointer.substring(start) : pointer.substring(start, end);
    String rest = end < 0 ? "" : pointer.substring(end);
    return path + "/" + (Integer.parseInt(index) + offset) + rest;
  }

  /** Numbers each distinct JSON value (by JSON equality) in order of first appearance. */
  private static final class Classes {
    private final Map<ListKeys.Key, Integer> ids = new HashMap<>();

    int of(Node n) {
      return ids.computeIfAbsent(ListKeys.Key.of(n), k -> ids.size());
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
