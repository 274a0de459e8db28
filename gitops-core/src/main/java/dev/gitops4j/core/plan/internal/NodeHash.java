package dev.gitops4j.core.plan.internal;

import dev.gitops4j.api.model.Node;
import java.math.BigDecimal;

/**
 * A structural hash consistent with JSON equality: equal numbers hash alike whatever their form
 * ({@code 1}, {@code 1.0}), object members hash independently of their order. Secret text hashes to
 * a constant, so its value never feeds a hash.
 */
public final class NodeHash {
  private NodeHash() {}

  /** The hash of {@code node}. */
  public static int of(Node node) {
    if (node instanceof Node.Str s) {
      return s.value().hashCode();
    }
    if (node instanceof Node.Int i) {
      return i.value().hashCode();
    }
    if (node instanceof Node.Dec d) {
      return decimal(d.value());
    }
    if (node instanceof Node.Obj o) {
      int h = 0x0b1ec7;
      for (var e : o.fields()) {
        h += e._1.hashCode() * 31 ^ of(e._2);
      }
      return h;
    }
    if (node instanceof Node.Arr a) {
      int h = 0xa77a7;
      for (Node item : a.items()) {
        h = h * 31 + of(item);
      }
      return h;
    }
    if (node instanceof Node.Bool b) {
      return b.value() ? 1231 : 1237;
    }
    if (node instanceof Node.SecretText) {
      return 0x5ec7e7;
    }
    return 0;
  }

  private static int decimal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.scale() > -1000) {
      return stripped.toBigIntegerExact().hashCode();
    }
    return stripped.hashCode();
  }
}
