package dev.gitops4j.api.target;

import dev.gitops4j.api.model.ResourceId;

/**
 * A target could not observe, write or delete a resource. The reconciler stops at the failing
 * change and reports this message, so it must never contain secret values.
 */
public class TargetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message. */
  public TargetException(String message) {
    super(message);
  }

  /** A failure caused by another exception. */
  public TargetException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure on one resource; the cause's own message is appended when it has one. */
  public static TargetException on(ResourceId id, String message, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new TargetException(id + ": " + message + " (" + reason + ")", cause);
  }
}
