package dev.gitops4j.core.plan.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;

/**
 * Whether two documents are the same tree, exactly: same node types, same member order, same number
 * forms ({@code 1} is not {@code 1.0}), secret text only equal to secret text of the same value.
 * Stops at the first difference and answers at once for a shared subtree, so a re-parsed copy of an
 * unchanged document costs one walk, no allocation. Stricter than JSON equality on purpose: a
 * memoised plan reused for an equal document must render and write exactly the same.
 */
public final class SameTree {
  private SameTree() {}

  /**
   * Whether {@code a} and {@code b} are the same tree.
   *
   * @param a one document
   * @param b the other
   * @return whether they are the same tree, exactly
   */
  @SuppressWarnings("ReferenceEquality") // identity first: a shared subtree costs nothing
  public static boolean equal(Node a, Node b) {
    if (a == b) {
      return true;
    }
    if (a instanceof Node.Obj x && b instanceof Node.Obj y) {
      if (x.fields().size() != y.fields().size()) {
        return false;
      }
      var i = x.fields().iterator();
      var j = y.fields().iterator();
      while (i.hasNext()) {
        var p = i.next();
        var q = j.next();
        if (!p._1.equals(q._1) || !equal(p._2, q._2)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Node.Arr x && b instanceof Node.Arr y) {
      if (x.items().size() != y.items().size()) {
        return false;
      }
      var i = x.items().iterator();
      var j = y.items().iterator();
      while (i.hasNext()) {
        if (!equal(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Node.Dec x && b instanceof Node.Dec y) {
      return x.value().compareTo(y.value()) == 0; // as Node.Dec#equals: 1.0 is 1.00
    }
    if (a instanceof Node.SecretText x && b instanceof Node.SecretText y) {
      return x.secret().equals(y.secret());
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /**
   * Whether both are absent, or both present and the same tree.
   *
   * @param a one optional document
   * @param b the other
   * @return whether both are absent or both the same tree
   */
  public static boolean equal(Option<? extends Node> a, Option<? extends Node> b) {
    return a.isEmpty() ? b.isEmpty() : b.isDefined() && equal(a.get(), b.get());
  }
}
