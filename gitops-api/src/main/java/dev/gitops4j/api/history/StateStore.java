package dev.gitops4j.api.history;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.LastApplied;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * Where a reconciler keeps what it must remember between runs: the inventory of resources it owns,
 * the last revision it applied successfully, a journal of reconciles (the audit trail), and the
 * secret key of its plan fingerprints. Writes must be durable before they return: the reconciler
 * records its intent before touching the target, so a process killed mid-apply loses nothing.
 */
public interface StateStore {

  /**
   * The resources this reconciler owns; empty at first, or when {@link #inventoryIntact()} fails.
   *
   * @return the saved inventory
   */
  Inventory inventory();

  /**
   * False when no inventory was ever saved here, or when what was saved cannot be read (lost or
   * corrupt state). The reconciler then rebuilds ownership from the marks on the target instead of
   * forgetting it.
   *
   * @return true when a saved inventory was read back whole
   */
  boolean inventoryIntact();

  /**
   * Replaces the inventory, durably.
   *
   * @param inventory the whole new inventory
   */
  void saveInventory(Inventory inventory);

  /**
   * The last revision applied with success, if any.
   *
   * @return the revision, or none before the first successful reconcile
   */
  Option<Revision> lastApplied();

  /**
   * Appends a reconcile to the journal; a successful one also becomes {@link #lastApplied()}.
   *
   * @param result the finished reconcile
   */
  void record(ReconcileResult result);

  /**
   * The journal, oldest first (a store may keep only the newest entries).
   *
   * @return the entries; empty before the first reconcile
   */
  Seq<JournalEntry> journal();

  /**
   * A secret key (at least 32 bytes) for the keyed fingerprints of plan preconditions, created on
   * first use and kept here, never in a plan: a plan's fingerprints then reveal nothing about the
   * documents they were computed from, yet a plan saved today applies tomorrow against this store.
   *
   * @return the key, the same on every call to this store
   */
  byte[] fingerprintKey();

  /**
   * Takes the store for one reconcile, waiting up to {@code timeout} for another holder to release
   * it. A lock left by a process that died is taken over.
   *
   * @param timeout how long to wait for the lock
   * @return the held lock; close it to release the store
   * @throws StateBusyException when the lock is still held after {@code timeout}
   */
  StateLock lock(Duration timeout);

  /**
   * The document this reconciler last wrote for {@code id} as Git declared it, for three-way
   * planning; none if it never wrote one or the store does not keep them (then fields on the target
   * that Git does not declare are always kept).
   *
   * @param id the resource
   * @return the last applied document, or none
   */
  default Option<Node.Obj> lastAppliedDocument(ResourceId id) {
    return Option.none();
  }

  /**
   * The last-applied documents for one plan, read as of this call. The planner asks for the
   * document of every desired resource, so a store that pays per read (a database round trip)
   * should answer here from one bulk read; a file store can keep parsed documents of unchanged
   * files. The default reads {@link #lastAppliedDocument} per id.
   *
   * @return the last applied document of each resource, as this store held them when called
   */
  default LastApplied lastAppliedDocuments() {
    return this::lastAppliedDocument;
  }

  /**
   * Records the document last applied for {@code id}, or forgets it ({@code none}) after a delete.
   * Stores that persist it must redact secret values. The default keeps nothing.
   *
   * @param id the resource
   * @param document the document as Git declared it, or none to forget it
   */
  default void saveLastApplied(ResourceId id, Option<Node.Obj> document) {}
}
