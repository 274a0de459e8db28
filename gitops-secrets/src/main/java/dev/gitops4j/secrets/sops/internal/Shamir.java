package dev.gitops4j.secrets.sops.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Shamir's secret sharing over GF(2^8) as HashiCorp Vault (and so SOPS) does it: each share is the
 * y-values followed by one x-coordinate byte.
 */
public final class Shamir {
  private Shamir() {}

  /** Splits {@code secret} into {@code parts} shares, any {@code threshold} of which recover it. */
  public static List<byte[]> split(byte[] secret, int parts, int threshold) {
    if (threshold < 2 || parts < threshold || parts > 255) {
      throw new IllegalArgumentException("need 2 <= threshold <= parts <= 255");
    }
    SecureRandom random = new SecureRandom();
    List<Integer> xs = new ArrayList<>();
    for (int i = 1; i < 256; i++) {
      xs.add(i);
    }
    java.util.Collections.shuffle(xs, random);
    List<byte[]> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(new byte[secret.length + 1]);
      out.get(p)[secret.length] = (byte) (int) xs.get(p);
    }
    byte[] coeffs = new byte[threshold];
    for (int i = 0; i < secret.length; i++) {
      random.nextBytes(coeffs);
      coeffs[0] = secret[i];
      for (int p = 0; p < parts; p++) {
        int x = xs.get(p);
        int y = 0;
        for (int k = threshold - 1; k >= 0; k--) {
          y = add(mul(y, x), coeffs[k] & 0xff);
        }
        out.get(p)[i] = (byte) y;
      }
    }
    return out;
  }

  /** Recovers the secret from {@code threshold} or more shares. */
  public static byte[] combine(List<byte[]> shares) {
    if (shares.size() < 2) {
      throw new IllegalArgumentException("at least two shares are needed");
    }
    int len = shares.get(0).length - 1;
    int[] xs = new int[shares.size()];
    for (int s = 0; s < shares.size(); s++) {
      if (shares.get(s).length != len + 1) {
        throw new IllegalArgumentException("shares differ in length");
      }
      xs[s] = shares.get(s)[len] & 0xff;
      for (int t = 0; t < s; t++) {
        if (xs[t] == xs[s]) {
          throw new IllegalArgumentException("duplicate share");
        }
      }
    }
    byte[] secret = new byte[len];
    for (int i = 0; i < len; i++) {
      int result = 0;
      for (int s = 0; s < xs.length; s++) {
        int basis = 1;
        for (int t = 0; t < xs.length; t++) {
          if (t != s) {
            basis = mul(basis, div(xs[t], add(xs[s], xs[t])));
          }
        }
        result = add(result, mul(basis, shares.get(s)[i] & 0xff));
      }
      secret[i] = (byte) result;
    }
    return secret;
  }

  static int add(int a, int b) {
    return a ^ b;
  }

  static int mul(int a, int b) {
    int r = 0;
    while (b != 0) {
      if ((b & 1) != 0) {
        r ^= a;
      }
      a <<= 1;
      if ((a & 0x100) != 0) {
        a ^= 0x11b;
      }
      b >>= 1;
    }
    return r;
  }

  static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("divide by zero");
    }
    int inv = 1;
    for (int i = 0; i < 254; i++) {
      inv = mul(inv, b);
    }
    return mul(a, inv);
  }
}
