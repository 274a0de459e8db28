package dev.gitops4j.secrets.sops;

/**
 * A SOPS file could not be read, decrypted or written. The message names the file and what failed
 * (a value's key path, the MAC, the data key) and never holds a secret value.
 */
public final class SopsException extends Exception {
  private static final long serialVersionUID = 1L;

  public SopsException(String message) {
    super(message);
  }

  public SopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
