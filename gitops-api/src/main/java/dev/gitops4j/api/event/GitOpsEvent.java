package dev.gitops4j.api.event;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import java.time.Instant;

/**
 * Every step of a reconcile emits one of these, in order, to each {@link GitOpsListener}. Events
 * are immutable and never hold secret values.
 */
public sealed interface GitOpsEvent {
  /** When the event happened, from the reconciler's clock. */
  Instant at();

  /** The revision the event belongs to. */
  Revision revision();

  /** Loading a revision found problems; nothing was touched. */
  record ValidationFailed(Instant at, Revision revision, Seq<Problem> problems)
      implements GitOpsEvent {}

  /** A reconcile started. */
  record ReconcileStarted(Instant at, Revision revision, String target) implements GitOpsEvent {}

  /** A plan was computed: how many creates, updates, deletes. */
  record PlanComputed(
      Instant at, Revision revision, int creates, int updates, int replaces, int deletes)
      implements GitOpsEvent {}

  /** One change was applied. */
  record ChangeApplied(Instant at, Revision revision, ResourceId id, Change.Action action)
      implements GitOpsEvent {}

  /** One change failed; the reconcile stops. */
  record ChangeFailed(
      Instant at, Revision revision, ResourceId id, Change.Action action, String message)
      implements GitOpsEvent {}

  /** A reconcile ended. */
  record ReconcileFinished(Instant at, Revision revision, ReconcileResult.Status status)
      implements GitOpsEvent {}
}
