package dev.gitops4j.api.history;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One reconcile in the history: the revision, the digest of the plan it followed, how it ended, its
 * timings, what happened to each change, and the rollback it triggered. Holds ids and messages,
 * never document contents, so never secret values.
 *
 * @param revision the revision reconciled
 * @param planDigest the digest of the plan it followed, as {@code gitops plan} prints it
 * @param outcome how it ended
 * @param startedAt when it started
 * @param duration how long it took, health waits included
 * @param changes what happened to each change, in the order they were tried
 * @param rollback the rollback the failure triggered, or none
 * @param message why it failed or was skipped, or none
 */
public record HistoryRecord(
    Revision revision,
    String planDigest,
    Outcome outcome,
    Instant startedAt,
    Duration duration,
    Seq<ChangeResult> changes,
    Option<Rollback> rollback,
    Option<String> message) {

  /** How a reconcile ended. */
  public enum Outcome {
    /** Every change was applied and every health gate passed. */
    SUCCEEDED,
    /** Nothing to do: the target already matched. */
    IN_SYNC,
    /** A change or health gate failed; no rollback was made (or none was possible). */
    FAILED,
    /** A change or health gate failed and the target went back to the last good revision. */
    ROLLED_BACK,
    /** Not applied: the revision is marked failed, or the target is suspended. */
    SKIPPED,
    /** A newer revision arrived during a health wait; this one stopped there. */
    CANCELLED,
    /** A dry run: planned and checked, nothing written. */
    DRY_RUN;

    /**
     * The lower-case name used in JSON and the CLI.
     *
     * @return the lower-case name used in JSON and the CLI
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * True when the target ended at this record's revision.
     *
     * @return true when the target ended at this record's revision
     */
    public boolean isGood() {
      return this == SUCCEEDED || this == IN_SYNC;
    }
  }

  /**
   * What happened to one change.
   *
   * @param id the resource
   * @param action what was done to it
   * @param succeeded whether it was applied
   * @param attempts how many times it was tried, 1 when the first try settled it
   * @param duration how long it took, retries included
   * @param message why it failed, or none
   */
  public record ChangeResult(
      ResourceId id,
      Change.Action action,
      boolean succeeded,
      int attempts,
      Duration duration,
      Option<String> message) {
    /**
     * Checks that no component is null.
     *
     * @param id the resource
     * @param action what was done to it
     * @param succeeded whether it was applied
     * @param attempts how many times it was tried, 1 when the first try settled it
     * @param duration how long it took, retries included
     * @param message why it failed, or none
     */
    public ChangeResult {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The rollback a failure triggered: back to which commit, and whether it worked.
   *
   * @param toCommit the commit id of the last good revision
   * @param succeeded whether every change of the rollback was applied
   * @param changes what happened to each change of the rollback
   */
  public record Rollback(String toCommit, boolean succeeded, Seq<ChangeResult> changes) {
    /**
     * Checks that no component is null.
     *
     * @param toCommit the commit id of the last good revision
     * @param succeeded whether every change of the rollback was applied
     * @param changes what happened to each change of the rollback
     */
    public Rollback {
      Objects.requireNonNull(toCommit, "toCommit");
      Objects.requireNonNull(changes, "changes");
    }
  }

  /**
   * Checks that no component is null.
   *
   * @param revision the revision reconciled
   * @param planDigest the digest of the plan it followed, as {@code gitops plan} prints it
   * @param outcome how it ended
   * @param startedAt when it started
   * @param duration how long it took, health waits included
   * @param changes what happened to each change, in the order they were tried
   * @param rollback the rollback the failure triggered, or none
   * @param message why it failed or was skipped, or none
   */
  public HistoryRecord {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(planDigest, "planDigest");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(rollback, "rollback");
    Objects.requireNonNull(message, "message");
  }
}
