package dev.gitops4j.secrets.sops.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** How SOPS turns scalars into bytes (for encryption and the MAC) and back. */
public final class Values {
  private Values() {}

  /** The SOPS type name of a plaintext scalar. */
  public static String typeOf(Object value) {
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      return "int";
    }
    if (value instanceof Double || value instanceof BigDecimal) {
      return "float";
    }
    return "str";
  }

  /** The bytes SOPS encrypts and hashes for a scalar, as Go's sops formats them. */
  public static byte[] toBytes(Object value) {
    return toText(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The text form (empty for null): bools as True/False, floats like Go's FormatFloat(v, 'f', -1,
   * 64).
   */
  public static String toText(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.isNaN() ? "NaN" : (d > 0 ? "+Inf" : "-Inf");
      }
      String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      return s;
    }
    return String.valueOf(value);
  }

  /** Reads a decrypted value back into its type. */
  public static Object fromText(String text, String type) {
    return switch (type) {
      case "int" -> parseInteger(text);
      case "float" -> Double.parseDouble(text);
      case "bool" -> text.equalsIgnoreCase("true");
      default -> text;
    };
  }

  private static Object parseInteger(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return new BigInteger(text);
    }
  }
}
