package dev.gitops4j.api.target;

import dev.gitops4j.api.model.ResourceId;

/**
 * A target could not observe, write or delete a resource. The reconciler stops at the failing
 * change and reports this message, so it must never contain secret values.
 *
 * <p>A failure is either permanent (the default: retrying the same call cannot help, such as a
 * rejected document) or transient ({@link #isTransient()}: a timeout, a conflict, a throttled
 * call), which a reconciler may retry with backoff.
 */
public class TargetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether a retry of the same call may succeed. */
  private final boolean transientFailure;

  /**
   * A permanent failure with a message.
   *
   * @param message what failed
   */
  public TargetException(String message) {
    this(message, false);
  }

  /**
   * A failure with a message, transient (worth retrying) or permanent.
   *
   * @param message what failed
   * @param transientFailure whether a retry may succeed
   */
  public TargetException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  /**
   * A permanent failure caused by another exception.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public TargetException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * A failure caused by another exception, transient (worth retrying) or permanent.
   *
   * @param message what failed
   * @param cause the underlying failure
   * @param transientFailure whether a retry may succeed
   */
  public TargetException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /**
   * A transient failure: the same call may succeed if retried later.
   *
   * @param message what failed
   * @return a transient failure: the same call may succeed if retried later
   */
  public static TargetException transientFailure(String message) {
    return new TargetException(message, true);
  }

  /**
   * A failure on one resource; the cause's own message is appended when it has one.
   *
   * @param id the resource the failure is about
   * @param message what failed
   * @param cause the underlying failure
   * @return a failure on one resource; the cause's own message is appended when it has one
   */
  public static TargetException on(ResourceId id, String message, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new TargetException(id + ": " + message + " (" + reason + ")", cause);
  }

  /**
   * True if retrying the same call later may succeed; false for a permanent failure.
   *
   * @return true if retrying the same call later may succeed; false for a permanent failure
   */
  public boolean isTransient() {
    return transientFailure;
  }
}
