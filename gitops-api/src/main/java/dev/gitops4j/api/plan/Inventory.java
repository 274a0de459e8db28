package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;

/**
 * The resources this reconciler wrote and therefore owns ({@code ids}), and those it was about to
 * write when it last recorded its intent ({@code pending}). Pruning is limited to owned ids, so
 * resources created by anyone else are never deleted.
 *
 * <p>A pending id is not owned: it becomes owned only once the reconciler finds on the target the
 * ownership mark it writes with each resource (so a crash between the write and its record loses
 * nothing), and is dropped otherwise (so an id that was planned but never written never becomes
 * owned).
 *
 * @param ids the owned ids; only these can be pruned
 * @param pending the ids about to be written, not yet owned; ids also owned are dropped from it
 */
public record Inventory(SortedSet<ResourceId> ids, SortedSet<ResourceId> pending) {
  /** An inventory that owns nothing: nothing will be pruned. */
  public static final Inventory EMPTY = new Inventory(TreeSet.empty(), TreeSet.empty());

  /**
   * Checks that no component is null and drops from {
   *
   * @param ids the owned ids; only these can be pruned
   * @param pending the ids about to be written, not yet owned; ids also owned are dropped from it
   */
  public Inventory {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(pending, "pending");
    pending = pending.removeAll(ids);
  }

  /**
   * An inventory owning {@code ids}, with nothing pending.
   *
   * @param ids the owned ids
   */
  public Inventory(SortedSet<ResourceId> ids) {
    this(ids, TreeSet.empty());
  }

  /**
   * An inventory of these ids.
   *
   * @param ids the owned ids; duplicates count once
   * @return the inventory, with nothing pending
   */
  public static Inventory of(Iterable<ResourceId> ids) {
    return new Inventory(TreeSet.ofAll(ids));
  }

  /**
   * Whether this reconciler owns {@code id}.
   *
   * @param id a resource
   * @return true when {@code id} is owned; a pending id is not
   */
  public boolean owns(ResourceId id) {
    return ids.contains(id);
  }

  /**
   * The same owned ids with another pending set.
   *
   * @param value the new pending ids, replacing the old ones
   * @return a copy with {@code pending} replaced
   */
  public Inventory withPending(SortedSet<ResourceId> value) {
    return new Inventory(ids, value);
  }
}
