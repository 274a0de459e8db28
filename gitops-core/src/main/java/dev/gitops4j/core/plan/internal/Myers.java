package dev.gitops4j.core.plan.internal;

import java.util.Arrays;

/**
 * Myers' O((N+M)D) difference algorithm over int sequences (each int an equality class), in its
 * linear-space form: common prefix and suffix are trimmed first, then the middle snake splits the
 * rest in two, recursively. Memory stays linear in N+M.
 *
 * <p>Work is bounded: once the searched diagonals exceed a budget proportional to the input, each
 * remaining sub-problem is answered by "delete all, insert all", which is correct but not minimal,
 * so huge, completely different inputs stay linear in time too.
 */
public final class Myers {
  /** Script step: the element is in both sequences. */
  public static final byte KEEP = 0;

  /** Script step: the element of the first sequence is removed. */
  public static final byte DELETE = 1;

  /** Script step: the element of the second sequence is inserted. */
  public static final byte INSERT = 2;

  private final int[] a;
  private final int[] b;
  private byte[] out;
  private int size;
  private long budget;

  private Myers(int[] a, int[] b, long budget) {
    this.a = a;
    this.b = b;
    this.out = new byte[Math.max(16, a.length + b.length)];
    this.budget = budget;
  }

  /** The edit script turning {@code a} into {@code b}: KEEP, DELETE and INSERT steps in order. */
  public static byte[] script(int[] a, int[] b) {
    return script(a, b, 2_000_000L + 32L * (a.length + b.length));
  }

  /** As {@link #script(int[], int[])}, with an explicit work budget (for tests of the fallback). */
  public static byte[] script(int[] a, int[] b, long budget) {
    Myers m = new Myers(a, b, budget);
    m.diff(0, a.length, 0, b.length);
    return Arrays.copyOf(m.out, m.size);
  }

  private void emit(byte step, int count) {
    if (size + count > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, size + count));
    }
    Arrays.fill(out, size, size + count, step);
    size += count;
  }

  private void diff(int aLo, int aHi, int bLo, int bHi) {
    int prefix = 0;
    while (aLo + prefix < aHi && bLo + prefix < bHi && a[aLo + prefix] == b[bLo + prefix]) {
      prefix++;
    }
    emit(KEEP, prefix);
    aLo += prefix;
    bLo += prefix;
    int suffix = 0;
    while (aHi - suffix > aLo && bHi - suffix > bLo && a[aHi - 1 - suffix] == b[bHi - 1 - suffix]) {
      suffix++;
    }
    aHi -= suffix;
    bHi -= suffix;
    if (aLo == aHi) {
      emit(INSERT, bHi - bLo);
    } else if (bLo == bHi) {
      emit(DELETE, aHi - aLo);
    } else {
      long split = budget > 0 ? bisect(aLo, aHi, bLo, bHi) : -1;
      int x = (int) (split >>> 32);
      int y = (int) split;
      if (split < 0 || (x == 0 && y == 0) || (x == aHi - aLo && y == bHi - bLo)) {
        emit(DELETE, aHi - aLo);
        emit(INSERT, bHi - bLo);
      } else {
        diff(aLo, aLo + x, bLo, bLo + y);
        diff(aLo + x, aHi, bLo + y, bHi);
      }
    }
    emit(KEEP, suffix);
  }

  /**
   * Finds the middle snake of the sub-problem and returns its split point as {@code x << 32 | y}
   * (relative offsets), or -1 when there is none or the budget ran out.
   */
  private long bisect(int aLo, int aHi, int bLo, int bHi) {
    int n = aHi - aLo;
    int m = bHi - bLo;
    int maxD = (n + m + 1) / 2;
    int offset = maxD;
    int length = 2 * maxD + 2;
    int[] v1 = new int[length];
    int[] v2 = new int[length];
    Arrays.fill(v1, -1);
    Arrays.fill(v2, -1);
    v1[offset + 1] = 0;
    v2[offset + 1] = 0;
    int delta = n - m;
    boolean front = (delta & 1) != 0;
    int k1start = 0;
    int k1end = 0;
    int k2start = 0;
    int k2end = 0;
    for (int d = 0; d < maxD; d++) {
      budget -= 2L * d + 2;
      if (budget <= 0) {
        return -1;
      }
      for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        int k1Offset = offset + k1;
        int x1 =
            (k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1]))
                ? v1[k1Offset + 1]
                : v1[k1Offset - 1] + 1;
        int y1 = x1 - k1;
        while (x1 < n && y1 < m && a[aLo + x1] == b[bLo + y1]) {
          x1++;
          y1++;
        }
        budget -= 1;
        v1[k1Offset] = x1;
        if (x1 > n) {
          k1end += 2;
        } else if (y1 > m) {
          k1start += 2;
        } else if (front) {
          int k2Offset = offset + delta - k1;
          if (k2Offset >= 0 && k2Offset < length && v2[k2Offset] != -1) {
            int x2 = n - v2[k2Offset];
            if (x1 >= x2) {
              return ((long) x1 << 32) | (y1 & 0xffffffffL);
            }
          }
        }
      }
      for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        int k2Offset = offset + k2;
        int x2 =
            (k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1]))
                ? v2[k2Offset + 1]
                : v2[k2Offset - 1] + 1;
        int y2 = x2 - k2;
        while (x2 < n && y2 < m && a[aHi - 1 - x2] == b[bHi - 1 - y2]) {
          x2++;
          y2++;
        }
        v2[k2Offset] = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          int k1Offset = offset + delta - k2;
          if (k1Offset >= 0 && k1Offset < length && v1[k1Offset] != -1) {
            int x1 = v1[k1Offset];
            int y1 = offset + x1 - k1Offset;
            if (x1 >= n - x2) {
              return ((long) x1 << 32) | (y1 & 0xffffffffL);
            }
          }
        }
      }
    }
    return -1;
  }
}
