package dev.gitops4j.api.history;

import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The reconcile history of one target, with bounded retention, and the controls that go with it:
 * the revisions marked failed (so a rollback sticks) and whether the target is suspended. "Last
 * known good" is a query over the history. Writes are durable before they return.
 */
public interface HistoryStore {

  /** Appends a record; the oldest records beyond the retention are dropped. */
  void record(HistoryRecord record);

  /** The records kept, oldest first. */
  Seq<HistoryRecord> records();

  /**
   * The newest record whose revision the target ended at with success (succeeded or in sync),
   * skipping revisions marked failed.
   */
  default Option<HistoryRecord> lastKnownGood() {
    return records()
        .reverse()
        .find(r -> r.outcome().isGood() && failed(r.revision().commit()).isEmpty());
  }

  /** Marks a revision failed so that it is not applied again. */
  void markFailed(FailedRevision mark);

  /** The failed mark of a commit, if any. */
  Option<FailedRevision> failed(String commit);

  /** Every failed mark. */
  Seq<FailedRevision> failedRevisions();

  /** Removes the failed mark of a commit; true if there was one. */
  boolean clearFailed(String commit);

  /** Why reconciles of this target are suspended, if they are. */
  Option<String> suspended();

  /** Suspends reconciles of this target until {@link #resume()}; {@code reason} is reported. */
  void suspend(String reason);

  /** Resumes reconciles; true if they were suspended. */
  boolean resume();
}
