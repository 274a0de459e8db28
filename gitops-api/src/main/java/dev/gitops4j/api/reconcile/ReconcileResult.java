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
 * What one reconcile did: the plan it followed, the changes it applied in order, the failure that
 * stopped it, if any, the rollback that failure triggered, and a note when it did nothing on
 * purpose (suspended, revision pinned).
 */
public record ReconcileResult(
    Revision revision,
    Status status,
    Plan plan,
    Seq<Applied> applied,
    Option<Failure> failure,
    Instant startedAt,
    Duration duration,
    Option<RolledBack> rollback,
    Option<String> note) {

  /** How a reconcile ended. */
  public enum Status {
    /** Every change was applied. */
    SUCCEEDED,
    /** The target already matched Git; nothing was written. */
    IN_SYNC,
    /** A change or a health gate failed; the changes before it stay applied. */
    FAILED,
    /** A change or a health gate failed and the target went back to the last good revision. */
    ROLLED_BACK,
    /** The revision is marked failed: nothing was applied, the target stays where it was pinned. */
    PINNED,
    /** The target is suspended: nothing was planned or applied. */
    SUSPENDED,
    /** A newer revision arrived while this one waited for health; it stopped there. */
    CANCELLED,
    /** A dry run: planned and gated like a reconcile, nothing written. */
    DRY_RUN,
    /**
     * The target drifted from the revision it is at (edited out of band); self-heal is off, so the
     * drift was reported and nothing was written.
     */
    DRIFTED
  }

  /** The rollback a failure triggered: the revision restored and what it changed. */
  public record RolledBack(Revision to, boolean succeeded, Seq<Applied> applied) {
    public RolledBack {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(applied, "applied");
    }
  }

  /** One change that was applied. */
  public record Applied(ResourceId id, Change.Action action) {}

  /**
   * What failed, and why: one change (its id and action), or the target as a whole (observing it
   * failed, so neither is set). The message never holds secret values.
   */
  public record Failure(Option<ResourceId> id, Option<Change.Action> action, String message) {
    public Failure {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(message, "message");
    }

    /** One change failed. */
    public static Failure of(ResourceId id, Change.Action action, String message) {
      return new Failure(Option.of(id), Option.of(action), message);
    }

    /** The target failed before any change (observing it, say). */
    public static Failure ofTarget(String message) {
      return new Failure(Option.none(), Option.none(), message);
    }

    /** {@code action id: message}, or the message alone for a failure of the whole target. */
    public String describe() {
      return id.isEmpty()
          ? message
          : action.map(a -> a.jsonName() + " ").getOrElse("") + id.get() + ": " + message;
    }
  }

  public ReconcileResult {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(rollback, "rollback");
    Objects.requireNonNull(note, "note");
  }

  /** A result without rollback or note. */
  public ReconcileResult(
      Revision revision,
      Status status,
      Plan plan,
      Seq<Applied> applied,
      Option<Failure> failure,
      Instant startedAt,
      Duration duration) {
    this(
        revision,
        status,
        plan,
        applied,
        failure,
        startedAt,
        duration,
        Option.none(),
        Option.none());
  }

  /**
   * True when nothing failed: every change applied, already in sync, suspended on purpose, a dry
   * run, or drift reported without self-heal. False for a failure, a rollback, a pinned revision or
   * a cancelled one.
   */
  public boolean succeeded() {
    return status == Status.SUCCEEDED
        || status == Status.IN_SYNC
        || status == Status.SUSPENDED
        || status == Status.DRY_RUN
        || status == Status.DRIFTED;
  }
}
