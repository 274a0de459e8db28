package dev.gitops4j.core.trigger;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * What one poll of a {@link Poller} found and did. Every outcome says when the next poll is due;
 * the target keeps its last good state in every outcome but {@link Reconciled}.
 */
public sealed interface PollResult {
  /** When the poll ran, on the poller's clock. */
  Instant at();

  /** How long until the next poll (interval plus jitter, or the backoff after a failure). */
  Duration nextPollIn();

  /** The ref has not moved since the last reconcile; nothing was done. */
  record Unchanged(Instant at, Revision revision, Duration nextPollIn) implements PollResult {}

  /** The ref moved and the new revision was reconciled (the result may be a failed apply). */
  record Reconciled(Instant at, ReconcileResult result, Duration nextPollIn)
      implements PollResult {}

  /**
   * The new revision has problems; nothing was touched and it is not retried until the ref moves.
   */
  record Invalid(Instant at, Revision revision, Seq<Problem> problems, Duration nextPollIn)
      implements PollResult {}

  /**
   * The repository could not be read (unreachable, ref gone): the poller backs off and the target
   * keeps its last good state. A revision refused by signature verification is {@link Invalid}.
   *
   * @param failures how many polls in a row have stalled
   */
  record Stalled(
      Instant at, Problem cause, int failures, Option<Revision> lastGood, Duration nextPollIn)
      implements PollResult {}

  /**
   * The ref moved to a commit that does not descend from the last one reconciled (a force push),
   * and force pushes are not allowed: nothing was touched.
   */
  record Refused(
      Instant at,
      Revision revision,
      Revision previous,
      String reason,
      Option<Revision> lastGood,
      Duration nextPollIn)
      implements PollResult {}
}
