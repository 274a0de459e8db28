package dev.gitops4j.secrets.age;

/**
 * An age file could not be decrypted. {@link #kind()} says which stage refused it, so callers can
 * tell a wrong key ({@link Kind#NO_MATCH}) from a damaged or forged file. Messages never contain
 * key material or plaintext.
 */
public final class AgeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The stage that refused the file. */
  public enum Kind {
    /** The ASCII armor is malformed. */
    ARMOR,
    /** The header is malformed, or a stanza is invalid. */
    HEADER,
    /** No identity matched any recipient stanza. */
    NO_MATCH,
    /** The header MAC does not verify: the header was tampered with. */
    HMAC,
    /** The encrypted payload is truncated, tampered with or malformed. */
    PAYLOAD
  }

  /** Which stage refused the file. */
  private final Kind kind;

  AgeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * The stage that refused the file.
   *
   * @return the stage that refused the file
   */
  public Kind kind() {
    return kind;
  }
}
