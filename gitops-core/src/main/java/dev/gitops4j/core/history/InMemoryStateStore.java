package dev.gitops4j.core.history;

import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.history.StateBusyException;
import dev.gitops4j.api.history.StateLock;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link StateStore} in memory: for tests, and for processes that keep one reconciler alive. Its
 * lock is held by one thread at a time (reentrant); its fingerprint key is random per instance.
 */
public final class InMemoryStateStore implements StateStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] key = new byte[32];
  private Option<Inventory> inventory = Option.none();
  private Option<Revision> lastApplied = Option.none();
  private Vector<JournalEntry> journal = Vector.empty();
  private Map<ResourceId, Node.Obj> applied = HashMap.empty();

  /** An empty store. */
  public InMemoryStateStore() {
    new SecureRandom().nextBytes(key);
  }

  @Override
  public synchronized Inventory inventory() {
    return inventory.getOrElse(Inventory.EMPTY);
  }

  @Override
  public synchronized boolean inventoryIntact() {
    return inventory.isDefined();
  }

  @Override
  public synchronized void saveInventory(Inventory value) {
    inventory = Option.of(value);
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

  @Override
  public byte[] fingerprintKey() {
    return key.clone();
  }

  @Override
  public StateLock lock(Duration timeout) {
    try {
      if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new StateBusyException("busy: the in-memory state is held by another thread");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateBusyException("interrupted while waiting for the in-memory state");
    }
    return new StateLock() {
      private boolean open = true;

      @Override
      public synchronized void close() {
        if (open) {
          open = false;
          lock.unlock();
        }
      }
    };
  }

  @Override
  public synchronized Option<Node.Obj> lastAppliedDocument(ResourceId id) {
    return applied.get(id);
  }

  @Override
  public synchronized void saveLastApplied(ResourceId id, Option<Node.Obj> document) {
    applied = document.isDefined() ? applied.put(id, document.get()) : applied.remove(id);
  }
}
