package dev.gitops4j.api.fleet;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest known state of one sync of a fleet: which revision it reached, how its last reconcile
 * ended, and the error if there was one. Messages never hold secret values.
 *
 * @param sync the sync's name
 * @param outcome how the last attempt ended
 * @param revision the commit the last attempt worked on, if it got that far
 * @param lastError why the last attempt failed, if it did
 * @param at when the last attempt ended
 * @param worker the worker that made it
 * @param token the fencing token of the lease it ran under
 */
public record SyncStatus(
    String sync,
    Outcome outcome,
    Option<String> revision,
    Option<String> lastError,
    Instant at,
    String worker,
    long token) {

  /** How a sync's last attempt ended. */
  public enum Outcome {
    /** The target already matched Git. */
    IN_SYNC,
    /** Changes were applied. */
    APPLIED,
    /** The desired state had problems; nothing was touched. */
    INVALID,
    /** Applying failed; the target is left where the failure stopped it. */
    FAILED,
    /** Applying failed and the target went back to the last good revision. */
    ROLLED_BACK,
    /**
     * Nothing was written for another reason the reconcile gave (a pinned failed revision, a
     * suspended target, a dry run, a cancelled wait, drift reported without self-heal); {@code
     * lastError} names it.
     */
    NOT_APPLIED,
    /** The lease lapsed before the attempt could record its result. */
    LEASE_LOST,
    /** An unexpected error (I/O, a bug); the message says which. */
    ERROR
  }

  /**
   * Checks that no component is null.
   *
   * @param sync the sync's name
   * @param outcome how the last attempt ended
   * @param revision the commit the last attempt worked on, if it got that far
   * @param lastError why the last attempt failed, if it did
   * @param at when the last attempt ended
   * @param worker the worker that made it
   * @param token the fencing token of the lease it ran under
   */
  public SyncStatus {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(worker, "worker");
  }
}
