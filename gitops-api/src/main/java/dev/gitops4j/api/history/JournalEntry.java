package dev.gitops4j.api.history;

import dev.gitops4j.api.reconcile.ReconcileResult;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail: when a reconcile ended, at which commit, how, and what it applied.
 * Never holds document contents, so never secret values.
 */
public record JournalEntry(
    Instant at,
    String commit,
    ReconcileResult.Status status,
    Seq<ReconcileResult.Applied> applied,
    Option<String> failure) {
  public JournalEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(failure, "failure");
  }
}
