package dev.gitops4j.core.plan.internal;

/** A binary indexed tree of 0/1 counts: prefix sums and point updates in O(log n). */
public final class Fenwick {
  private final int[] tree;

  /** A tree over {@code live.length} positions, each counting 1 where {@code live} is true. */
  public Fenwick(boolean[] live) {
    tree = new int[live.length + 1];
    for (int i = 0; i < live.length; i++) {
      tree[i + 1] += live[i] ? 1 : 0;
      int parent = (i + 1) + ((i + 1) & -(i + 1));
      if (parent <= live.length) {
        tree[parent] += tree[i + 1];
      }
    }
  }

  /** Adds {@code delta} at position {@code index}. */
  public void add(int index, int delta) {
    for (int i = index + 1; i < tree.length; i += i & -i) {
      tree[i] += delta;
    }
  }

  /** The sum of positions {@code [0, index)}. */
  public int prefix(int index) {
    int sum = 0;
    for (int i = index; i > 0; i -= i & -i) {
      sum += tree[i];
    }
    return sum;
  }
}
