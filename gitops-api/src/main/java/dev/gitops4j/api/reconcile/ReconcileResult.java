package dev.gitops4j.api.reconcile;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one reconcile did: the plan it followed, the changes it applied in order, and the failure
 * that stopped it, if any.
 */
public record ReconcileResult(
    Revision revision,
    Status status,
    Plan plan,
    Seq<Applied> applied,
    Option<Failure> failure,
    Instant startedAt,
    Duration duration) {

  /** How a reconcile ended. */
  public enum Status {
    /** Every change was applied. */
    SUCCEEDED,
    /** The target already matched Git; nothing was written. */
    IN_SYNC,
    /** A change failed; the changes before it stay applied. */
    FAILED
  }

  /** One change that was applied. */
  public record Applied(ResourceId id, Change.Action action) {}

  /** The change that failed, and why. The message never holds secret values. */
  public record Failure(ResourceId id, Change.Action action, String message) {}

  public ReconcileResult {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
  }

  /** True unless a change failed. */
  public boolean succeeded() {
    return status != Status.FAILED;
  }
}
