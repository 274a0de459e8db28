package dev.gitops4j.api.history;

import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Where a reconciler keeps what it must remember between runs: the inventory of resources it owns,
 * the last revision it applied successfully, and a journal of reconciles (the audit trail). Writes
 * must be durable before they return: the reconciler records its intent before touching the target,
 * so a process killed mid-apply loses nothing.
 */
public interface StateStore {

  /** The resources this reconciler owns; empty at first. */
  Inventory inventory();

  /** Replaces the inventory, durably. */
  void saveInventory(Inventory inventory);

  /** The last revision applied with success, if any. */
  Option<Revision> lastApplied();

  /** Appends a reconcile to the journal; a successful one also becomes {@link #lastApplied()}. */
  void record(ReconcileResult result);

  /** The journal, oldest first. */
  Seq<JournalEntry> journal();
}
