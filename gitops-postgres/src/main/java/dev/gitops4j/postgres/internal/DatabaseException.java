package dev.gitops4j.postgres.internal;

/** A database operation failed for good (after retries, or for a reason retrying cannot fix). */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
