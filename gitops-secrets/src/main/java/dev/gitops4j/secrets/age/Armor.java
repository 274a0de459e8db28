package dev.gitops4j.secrets.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** age's strict ASCII armor (PEM-like, 64 columns, padded canonical base64). */
public final class Armor {
  static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  static final String END = "-----END AGE ENCRYPTED FILE-----";

  private Armor() {}

  /**
   * Whether {@code data}, after leading whitespace, starts with the armor header.
   *
   * @param data an age file
   * @return whether {@code data}, after leading whitespace, starts with the armor header
   */
  public static boolean isArmored(byte[] data) {
    int i = 0;
    while (i < data.length && isSpace(data[i])) {
      i++;
    }
    byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
    if (data.length - i < begin.length) {
      return false;
    }
    for (int k = 0; k < begin.length; k++) {
      if (data[i + k] != begin[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Armors binary age data.
   *
   * @param data a binary age file
   * @return the armored text
   */
  public static String encode(byte[] data) {
    String b64 = Base64.getEncoder().encodeToString(data);
    StringBuilder sb = new StringBuilder(BEGIN).append('\n');
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    return sb.append(END).append('\n').toString();
  }

  /**
   * Removes the armor, strictly; whitespace is allowed only around it.
   *
   * @param data an armored age file
   * @return the binary age file
   * @throws dev.gitops4j.secrets.age.AgeException with kind ARMOR when the armor is malformed
   */
  public static byte[] decode(byte[] data) throws AgeException {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int start = 0;
    while (start < text.length() && isSpace((byte) text.charAt(start))) {
      start++;
    }
    int end = text.length();
    while (end > start && isSpace((byte) text.charAt(end - 1))) {
      end--;
    }
    String body = text.substring(start, end);
    String[] lines = body.split("\r?\n", -1);
    if (lines.length < 2 || !lines[0].equals(BEGIN)) {
      throw armor("missing or malformed BEGIN line");
    }
    if (!lines[lines.length - 1].equals(END)) {
      throw armor("missing or malformed END line, or data after it");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder b64 = new StringBuilder();
    for (int i = 1; i < lines.length - 1; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 2;
      if (line.length() > 64 || (!last && line.length() != 64) || (last && line.isEmpty())) {
        throw armor("armored line " + i + " has the wrong length");
      }
      b64.append(line);
    }
    byte[] decoded = Base64s.decodePadded(b64.toString()).orElse(null);
    if (decoded == null) {
      throw armor("armored data is not canonical padded base64");
    }
    out.writeBytes(decoded);
    return out.toByteArray();
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static AgeException armor(String message) {
    return new AgeException(AgeException.Kind.ARMOR, message);
  }
}
