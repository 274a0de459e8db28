package dev.gitops4j.secrets.sops;

/**
 * A SOPS file could not be read, decrypted or written. The message names the file and what failed
 * (a value's key path, the MAC, the data key) and never holds a secret value.
 */
public final class SopsException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with a message naming the file and what failed.
   *
   * @param message the message; it never shows a value
   */
  public SopsException(String message) {
    super(message);
  }

  /**
   * A failure caused by another exception.
   *
   * @param message the message; it never shows a value
   * @param cause the underlying failure
   */
  public SopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
