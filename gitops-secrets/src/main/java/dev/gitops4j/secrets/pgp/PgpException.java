package dev.gitops4j.secrets.pgp;

/** An OpenPGP key or message could not be used. Messages never hold key material. */
public final class PgpException extends Exception {
  private static final long serialVersionUID = 1L;

  PgpException(String message) {
    super(message);
  }

  PgpException(String message, Throwable cause) {
    super(message, cause);
  }
}
