package dev.gitops4j.core.history;

import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.history.HistoryStore;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A {@link HistoryStore} in memory, lost with the process: for tests and for embedders that keep
 * their history elsewhere. Keeps the newest {@code retention} records, and always the newest good
 * one, so the last known good revision survives any number of failures after it.
 */
public final class InMemoryHistoryStore implements HistoryStore {
  private final int retention;
  private Vector<HistoryRecord> records = Vector.empty();
  private TreeMap<String, FailedRevision> failed = TreeMap.empty();
  private Option<String> suspended = Option.none();

  private InMemoryHistoryStore(int retention) {
    this.retention = retention;
  }

  /**
   * A store keeping the newest 100 records.
   *
   * @return an empty store, lost with the JVM
   */
  public static InMemoryHistoryStore create() {
    return withRetention(100);
  }

  /**
   * A store keeping the newest {@code retention} records (at least 1).
   *
   * @param retention how many records to keep; older ones are dropped as new ones are added
   * @return an empty store, lost with the JVM
   * @throws IllegalArgumentException if {@code retention} is less than 1
   */
  public static InMemoryHistoryStore withRetention(int retention) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention must be at least 1, not " + retention);
    }
    return new InMemoryHistoryStore(retention);
  }

  @Override
  public synchronized void record(HistoryRecord record) {
    records = Retention.trim(records.append(record), retention);
  }

  @Override
  public synchronized Seq<HistoryRecord> records() {
    return records;
  }

  @Override
  public synchronized void markFailed(FailedRevision mark) {
    failed = failed.put(mark.commit(), mark);
  }

  @Override
  public synchronized Option<FailedRevision> failed(String commit) {
    return failed.get(commit);
  }

  @Override
  public synchronized Seq<FailedRevision> failedRevisions() {
    return failed.values().toVector();
  }

  @Override
  public synchronized boolean clearFailed(String commit) {
    boolean had = failed.containsKey(commit);
    failed = failed.remove(commit);
    return had;
  }

  @Override
  public synchronized Option<String> suspended() {
    return suspended;
  }

  @Override
  public synchronized void suspend(String reason) {
    suspended = Option.of(reason);
  }

  @Override
  public synchronized boolean resume() {
    boolean was = suspended.isDefined();
    suspended = Option.none();
    return was;
  }
}
