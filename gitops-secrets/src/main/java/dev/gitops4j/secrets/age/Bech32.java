package dev.gitops4j.secrets.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** BIP-173 Bech32, without the 90-character limit (age keys use it this way). */
final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  private Bech32() {}

  @SuppressWarnings("ArrayRecordComponent") // internal: the bytes are never shared further
  record Decoded(String hrp, byte[] data) {}

  static String encode(String hrp, byte[] data) {
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(hrp, values);
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      sb.append(CHARSET.charAt(v));
    }
    return sb.toString();
  }

  static Decoded decode(String s) {
    boolean lower = !s.equals(s.toUpperCase(Locale.ROOT));
    boolean upper = !s.equals(s.toLowerCase(Locale.ROOT));
    if (lower && upper) {
      throw new IllegalArgumentException("mixed case");
    }
    String str = s.toLowerCase(Locale.ROOT);
    int pos = str.lastIndexOf('1');
    if (pos < 1 || pos + 7 > str.length()) {
      throw new IllegalArgumentException("separator misplaced");
    }
    String hrp = str.substring(0, pos);
    for (int k = 0; k < hrp.length(); k++) {
      char c = hrp.charAt(k);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("invalid character in prefix");
      }
    }
    byte[] values = new byte[str.length() - pos - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(str.charAt(pos + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException("invalid character");
      }
      values[i] = (byte) v;
    }
    if (polymod(expand(hrp), values) != 1) {
      throw new IllegalArgumentException("bad checksum");
    }
    byte[] payload = new byte[values.length - 6];
    System.arraycopy(values, 0, payload, 0, payload.length);
    return new Decoded(hrp, convertBits(payload, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] enc = new byte[values.length + 6];
    System.arraycopy(values, 0, enc, 0, values.length);
    int mod = polymod(expand(hrp), enc) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] a, byte[] b) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (byte[] part : new byte[][] {a, b}) {
      for (byte v : part) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
          if (((top >>> i) & 1) != 0) {
            chk ^= gen[i];
          }
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      int value = b & 0xff;
      if ((value >>> from) != 0) {
        throw new IllegalArgumentException("invalid data");
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw new IllegalArgumentException("invalid padding");
    }
    return out.toByteArray();
  }
}
