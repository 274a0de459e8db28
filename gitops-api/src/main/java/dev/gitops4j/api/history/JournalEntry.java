package dev.gitops4j.api.history;

import dev.gitops4j.api.reconcile.ReconcileResult;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail: when a reconcile ended, at which commit, how, and what it applied.
 * Never holds document contents, so never secret values.
 *
 * @param at when the reconcile ended
 * @param commit the commit it reconciled
 * @param status how it ended
 * @param applied the changes it applied, in order
 * @param failure the failure that stopped it, if any
 */
public record JournalEntry(
    Instant at,
    String commit,
    ReconcileResult.Status status,
    Seq<ReconcileResult.Applied> applied,
    Option<String> failure) {
  /**
   * Checks that no component is null.
   *
   * @param at when the reconcile ended
   * @param commit the commit it reconciled
   * @param status how it ended
   * @param applied the changes it applied, in order
   * @param failure the failure that stopped it, if any
   */
  public JournalEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(failure, "failure");
  }
}
