package dev.gitops4j.core.history;

import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.reconcile.ReconcileResult;
import java.time.Instant;

/** Turns reconcile results into journal entries. */
final class Journal {
  private Journal() {}

  static JournalEntry entryOf(ReconcileResult r) {
    Instant end = r.startedAt().plus(r.duration());
    return new JournalEntry(
        end,
        r.revision().commit(),
        r.status(),
        r.applied(),
        r.failure().map(ReconcileResult.Failure::describe));
  }
}
