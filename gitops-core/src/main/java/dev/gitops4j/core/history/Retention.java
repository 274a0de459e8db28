package dev.gitops4j.core.history;

import dev.gitops4j.api.history.HistoryRecord;
import io.vavr.collection.Vector;

/** Bounded retention that never drops the newest good record. */
final class Retention {
  private Retention() {}

  /** The newest {@code keep} records, plus the newest good one if it is older. */
  static Vector<HistoryRecord> trim(Vector<HistoryRecord> records, int keep) {
    if (records.size() <= keep) {
      return records;
    }
    Vector<HistoryRecord> tail = records.drop(records.size() - keep);
    if (tail.exists(r -> r.outcome().isGood())) {
      return tail;
    }
    return records
        .take(records.size() - keep)
        .findLast(r -> r.outcome().isGood())
        .map(good -> tail.prepend(good))
        .getOrElse(tail);
  }
}
