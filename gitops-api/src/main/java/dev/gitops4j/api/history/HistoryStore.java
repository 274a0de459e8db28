package dev.gitops4j.api.history;

import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The reconcile history of one target, with bounded retention, and the controls that go with it:
 * the revisions marked failed (so a rollback sticks) and whether the target is suspended. "Last
 * known good" is a query over the history. Writes are durable before they return.
 */
public interface HistoryStore {

  /**
   * Appends a record; the oldest records beyond the retention are dropped.
   *
   * @param record the record to append
   */
  void record(HistoryRecord record);

  /**
   * The records kept, oldest first.
   *
   * @return the records kept, oldest first
   */
  Seq<HistoryRecord> records();

  /**
   * The newest record whose revision the target ended at with success (succeeded or in sync),
   * skipping revisions marked failed.
   *
   * @return the newest record whose revision the target ended at with success (succeeded or in
   *     sync), skipping revisions marked failed
   */
  default Option<HistoryRecord> lastKnownGood() {
    return records()
        .reverse()
        .find(r -> r.outcome().isGood() && failed(r.revision().commit()).isEmpty());
  }

  /**
   * Marks a revision failed so that it is not applied again.
   *
   * @param mark the failed mark
   */
  void markFailed(FailedRevision mark);

  /**
   * The failed mark of a commit, if any.
   *
   * @param commit the full commit id
   * @return the failed mark of a commit, if any
   */
  Option<FailedRevision> failed(String commit);

  /**
   * Every failed mark.
   *
   * @return every failed mark
   */
  Seq<FailedRevision> failedRevisions();

  /**
   * Removes the failed mark of a commit; true if there was one.
   *
   * @param commit the full commit id
   * @return removes the failed mark of a commit; true if there was one
   */
  boolean clearFailed(String commit);

  /**
   * Why reconciles of this target are suspended, if they are.
   *
   * @return why reconciles of this target are suspended, if they are
   */
  Option<String> suspended();

  /**
   * Suspends reconciles of this target until {@link #resume()}; {@code reason} is reported.
   *
   * @param reason why, for reports
   */
  void suspend(String reason);

  /**
   * Resumes reconciles; true if they were suspended.
   *
   * @return resumes reconciles; true if they were suspended
   */
  boolean resume();
}
