package dev.gitops4j.api.fleet;

/**
 * Thrown by a fenced write (a state store bound to a {@link Lease}) when the lease it was made
 * under has expired or was granted to another worker since: the write did not happen. A worker that
 * was paused or cut off past its lease's expiry gets this instead of overwriting the work of the
 * worker that took over.
 */
public final class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The lease that no longer holds.
   *
   * @param lease the lost lease; the message names its sync, worker and token
   */
  public LeaseLostException(Lease lease) {
    super(
        "lease lost: sync '"
            + lease.sync()
            + "' is no longer held by worker '"
            + lease.worker()
            + "' with fencing token "
            + lease.token()
            + "; nothing was written");
  }
}
