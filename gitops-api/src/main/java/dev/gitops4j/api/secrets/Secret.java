package dev.gitops4j.api.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value. Its {@link #toString()} is a redaction, so a secret that ends up in a log line,
 * an event, a plan or an exception message shows {@value #REDACTED}, never the value. Read the
 * value only where it is used, with {@link #reveal()}.
 */
public final class Secret {
  /** What every secret shows instead of its value. */
  public static final String REDACTED = "<redacted>";

  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value.clone();
  }

  /**
   * A secret holding these bytes (copied).
   *
   * @param value the secret bytes
   * @return a secret holding these bytes (copied)
   */
  public static Secret of(byte[] value) {
    return new Secret(value);
  }

  /**
   * A secret holding this text, as UTF-8.
   *
   * @param value the secret text
   * @return a secret holding this text, as UTF-8
   */
  public static Secret of(String value) {
    return new Secret(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The value as UTF-8 text.
   *
   * @return the value as UTF-8 text
   */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * A copy of the value's bytes.
   *
   * @return a copy of the value's bytes
   */
  public byte[] revealBytes() {
    return value.clone();
  }

  /** Constant-time comparison of the values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
