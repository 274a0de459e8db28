package dev.gitops4j.core.history;

import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** A {@link StateStore} in memory: for tests, and for processes that keep one reconciler alive. */
public final class InMemoryStateStore implements StateStore {
  private Inventory inventory = Inventory.EMPTY;
  private Option<Revision> lastApplied = Option.none();
  private Vector<JournalEntry> journal = Vector.empty();

  @Override
  public synchronized Inventory inventory() {
    return inventory;
  }

  @Override
  public synchronized void saveInventory(Inventory value) {
    inventory = value;
  }

  @Override
  public synchronized Option<Revision> lastApplied() {
    return lastApplied;
  }

  @Override
  public synchronized void record(ReconcileResult result) {
    journal = journal.append(Journal.entryOf(result));
    if (result.succeeded()) {
      lastApplied = Option.of(result.revision());
    }
  }

  @Override
  public synchronized Seq<JournalEntry> journal() {
    return journal;
  }
}
