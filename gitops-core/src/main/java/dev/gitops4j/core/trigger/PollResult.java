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
  /**
   * When the poll ran, on the poller's clock.
   *
   * @return the instant the poll started, read from the poller's scheduler
   */
  Instant at();

  /**
   * How long until the next poll (interval plus jitter, or the backoff after a failure).
   *
   * @return the wait {@link Poller#run} sleeps before the next poll; positive
   */
  Duration nextPollIn();

  /**
   * The ref has not moved since the last reconcile; nothing was done.
   *
   * @param at when the poll ran
   * @param revision the revision the ref still points at
   * @param nextPollIn the wait before the next poll: the interval plus jitter
   */
  record Unchanged(Instant at, Revision revision, Duration nextPollIn) implements PollResult {}

  /**
   * The ref moved and the new revision was reconciled (the result may be a failed apply).
   *
   * @param at when the poll ran
   * @param result what the reconcile applied and how it ended; after a failure the same revision is
   *     reconciled again at the next poll
   * @param nextPollIn the interval plus jitter after a success, the backoff after a failure
   */
  record Reconciled(Instant at, ReconcileResult result, Duration nextPollIn)
      implements PollResult {}

  /**
   * The new revision has problems; nothing was touched and it is not retried until the ref moves.
   *
   * @param at when the poll ran
   * @param revision the revision that failed validation
   * @param problems every problem found in it, with file, line and rule
   * @param nextPollIn the interval plus jitter
   */
  record Invalid(Instant at, Revision revision, Seq<Problem> problems, Duration nextPollIn)
      implements PollResult {}

  /**
   * The repository could not be read (unreachable, ref gone): the poller backs off and the target
   * keeps its last good state. A revision refused by signature verification is {@link Invalid}.
   *
   * @param at when the poll ran
   * @param cause why the repository could not be read
   * @param failures how many polls in a row have stalled
   * @param lastGood the last revision reconciled successfully by this poller, which the target
   *     still holds; none before the first success
   * @param nextPollIn the backoff: the interval doubled per failure, up to the maximum backoff
   */
  record Stalled(
      Instant at, Problem cause, int failures, Option<Revision> lastGood, Duration nextPollIn)
      implements PollResult {}

  /**
   * The ref moved to a commit that does not descend from the last one reconciled (a force push),
   * and force pushes are not allowed: nothing was touched.
   *
   * @param at when the poll ran
   * @param revision the commit the ref now points at, which was not reconciled
   * @param previous the last commit seen (or the baseline), which it does not descend from
   * @param reason why it was refused, for a person to read; also the message when ancestry could
   *     not be checked
   * @param lastGood the last revision reconciled successfully by this poller; none before the first
   *     success
   * @param nextPollIn the interval plus jitter; the ref is checked again then
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
