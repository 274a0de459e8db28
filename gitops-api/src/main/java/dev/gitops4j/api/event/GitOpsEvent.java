package dev.gitops4j.api.event;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.Health;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.time.Instant;

/**
 * Every step of a reconcile emits one of these, in order, to each {@link GitOpsListener}. Events
 * are immutable and never hold secret values.
 */
public sealed interface GitOpsEvent {
  /**
   * When the event happened, from the reconciler's clock.
   *
   * @return when the event happened, from the reconciler's clock
   */
  Instant at();

  /**
   * The revision the event belongs to.
   *
   * @return the revision the event belongs to
   */
  Revision revision();

  /**
   * Loading a revision found problems; nothing was touched.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision loaded
   * @param problems every problem found, never empty
   */
  record ValidationFailed(Instant at, Revision revision, Seq<Problem> problems)
      implements GitOpsEvent {}

  /**
   * A reconcile started.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param target the target's {@link dev.gitops4j.api.target.Target#describe() description}
   */
  record ReconcileStarted(Instant at, Revision revision, String target) implements GitOpsEvent {}

  /**
   * A plan was computed: how many creates, updates, deletes.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision planned
   * @param creates resources the plan creates
   * @param updates resources it updates in place
   * @param replaces resources it deletes and recreates
   * @param deletes resources it deletes (prunes)
   */
  record PlanComputed(
      Instant at, Revision revision, int creates, int updates, int replaces, int deletes)
      implements GitOpsEvent {}

  /**
   * One change was applied.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param id the resource
   * @param action what was done to it
   */
  record ChangeApplied(Instant at, Revision revision, ResourceId id, Change.Action action)
      implements GitOpsEvent {}

  /**
   * One change failed; the reconcile stops.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param id the resource
   * @param action what failed
   * @param message why; never holds secret values
   */
  record ChangeFailed(
      Instant at, Revision revision, ResourceId id, Change.Action action, String message)
      implements GitOpsEvent {}

  /**
   * A reconcile ended.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param status how it ended
   */
  record ReconcileFinished(Instant at, Revision revision, ReconcileResult.Status status)
      implements GitOpsEvent {}

  /**
   * A step of the rollout (a wave, a batch, a canary step) started with {@code changes} changes.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param step the step, 1-based
   * @param steps the number of steps of the rollout
   * @param changes the number of changes in the step
   */
  record WaveStarted(Instant at, Revision revision, int step, int steps, int changes)
      implements GitOpsEvent {}

  /**
   * A step finished: how many changes it applied and whether it (and its health gate) failed.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param step the step, 1-based
   * @param steps the number of steps of the rollout
   * @param applied the number of changes it applied
   * @param failed whether a change or the health gate failed
   */
  record WaveFinished(
      Instant at, Revision revision, int step, int steps, int applied, boolean failed)
      implements GitOpsEvent {}

  /**
   * A change failed with a transient error and is tried again after {@code backoff}.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param id the resource
   * @param action what failed
   * @param attempt the number of the attempt that failed, 1 for the first
   * @param backoff the wait before the next attempt
   * @param message why it failed; never holds secret values
   */
  record ChangeRetried(
      Instant at,
      Revision revision,
      ResourceId id,
      Change.Action action,
      int attempt,
      Duration backoff,
      String message)
      implements GitOpsEvent {}

  /**
   * The health of a resource changed while a health gate polled it.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision reconciled
   * @param id the resource
   * @param health its new health
   */
  record HealthChanged(Instant at, Revision revision, ResourceId id, Health health)
      implements GitOpsEvent {}

  /**
   * The apply of {@code revision} failed; the target goes back to {@code to}.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision whose apply failed
   * @param to the last good revision the target goes back to
   * @param reason why, from the failure
   */
  record RollbackStarted(Instant at, Revision revision, Revision to, String reason)
      implements GitOpsEvent {}

  /**
   * The rollback to {@code to} ended; {@code succeeded} false leaves the target in between.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision whose apply failed
   * @param to the revision restored
   * @param succeeded whether every change of the rollback was applied
   * @param changes the number of changes the rollback applied
   */
  record RollbackFinished(
      Instant at, Revision revision, Revision to, boolean succeeded, int changes)
      implements GitOpsEvent {}

  /**
   * A resource differs from the revision last applied: {@code paths} are the JSON Pointers that
   * differ ({@code ""} for a missing resource). {@code healed} says whether it is being reverted.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision last applied
   * @param id the resource
   * @param paths the JSON Pointers that differ; {@code ""} for a missing resource
   * @param healed whether it is being reverted
   */
  record DriftDetected(
      Instant at, Revision revision, ResourceId id, Seq<String> paths, boolean healed)
      implements GitOpsEvent {}

  /**
   * A reconcile did nothing: the target is suspended, or the revision is marked failed (pinned at
   * the last good one). {@code reason} says which.
   *
   * @param at when it happened, from the reconciler's clock
   * @param revision the revision not applied
   * @param reason why, for a person
   */
  record ReconcileSkipped(Instant at, Revision revision, String reason) implements GitOpsEvent {}
}
