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
 *
 * @param revision the revision reconciled
 * @param status how it ended
 * @param plan the plan it followed; empty when nothing was planned (suspended, pinned)
 * @param applied the changes written, in the order they were written
 * @param failure what stopped it, or none when nothing failed
 * @param startedAt when it started
 * @param duration how long it took, health waits included
 * @param rollback the rollback the failure triggered, or none
 * @param note why it did nothing on purpose, or none
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

  /**
   * The rollback a failure triggered: the revision restored and what it changed.
   *
   * @param to the last good revision it went back to
   * @param succeeded whether every change of the rollback was applied
   * @param applied the changes the rollback wrote, in order
   */
  public record RolledBack(Revision to, boolean succeeded, Seq<Applied> applied) {
    /**
     * Checks that no component is null.
     *
     * @param to the last good revision it went back to
     * @param succeeded whether every change of the rollback was applied
     * @param applied the changes the rollback wrote, in order
     */
    public RolledBack {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(applied, "applied");
    }
  }

  /**
   * One change that was applied.
   *
   * @param id the resource changed
   * @param action what was done to it
   */
  public record Applied(ResourceId id, Change.Action action) {}

  /**
   * What failed, and why: one change (its id and action), or the target as a whole (observing it
   * failed, so neither is set). The message never holds secret values.
   *
   * @param id the resource whose change failed, or none for a failure of the whole target
   * @param action the action that failed, or none for a failure of the whole target
   * @param message why it failed
   */
  public record Failure(Option<ResourceId> id, Option<Change.Action> action, String message) {
    /**
     * Checks that no component is null.
     *
     * @param id the resource whose change failed, or none for a failure of the whole target
     * @param action the action that failed, or none for a failure of the whole target
     * @param message why it failed
     */
    public Failure {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(message, "message");
    }

    /**
     * One change failed.
     *
     * @param id the resource
     * @param action the action that failed
     * @param message why it failed
     * @return the failure
     */
    public static Failure of(ResourceId id, Change.Action action, String message) {
      return new Failure(Option.of(id), Option.of(action), message);
    }

    /**
     * The target failed before any change (observing it, say).
     *
     * @param message why it failed
     * @return a failure with neither id nor action
     */
    public static Failure ofTarget(String message) {
      return new Failure(Option.none(), Option.none(), message);
    }

    /**
     * {@code action id: message}, or the message alone for a failure of the whole target.
     *
     * @return the one-line description
     */
    public String describe() {
      return id.isEmpty()
          ? message
          : action.map(a -> a.jsonName() + " ").getOrElse("") + id.get() + ": " + message;
    }
  }

  /**
   * Checks that no component is null.
   *
   * @param revision the revision reconciled
   * @param status how it ended
   * @param plan the plan it followed; empty when nothing was planned (suspended, pinned)
   * @param applied the changes written, in the order they were written
   * @param failure what stopped it, or none when nothing failed
   * @param startedAt when it started
   * @param duration how long it took, health waits included
   * @param rollback the rollback the failure triggered, or none
   * @param note why it did nothing on purpose, or none
   */
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

  /**
   * A result without rollback or note.
   *
   * @param revision the revision reconciled
   * @param status how it ended
   * @param plan the plan it followed
   * @param applied the changes written, in order
   * @param failure what stopped it, or none
   * @param startedAt when it started
   * @param duration how long it took
   */
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
   *
   * @return true when nothing failed
   */
  public boolean succeeded() {
    return status == Status.SUCCEEDED
        || status == Status.IN_SYNC
        || status == Status.SUSPENDED
        || status == Status.DRY_RUN
        || status == Status.DRIFTED;
  }
}
