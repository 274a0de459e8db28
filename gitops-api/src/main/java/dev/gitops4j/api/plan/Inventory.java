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
 */
public record Inventory(SortedSet<ResourceId> ids, SortedSet<ResourceId> pending) {
  /** An inventory that owns nothing: nothing will be pruned. */
  public static final Inventory EMPTY = new Inventory(TreeSet.empty(), TreeSet.empty());

  public Inventory {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(pending, "pending");
    pending = pending.removeAll(ids);
  }

  /** An inventory owning {@code ids}, with nothing pending. */
  public Inventory(SortedSet<ResourceId> ids) {
    this(ids, TreeSet.empty());
  }

  /** An inventory of these ids. */
  public static Inventory of(Iterable<ResourceId> ids) {
    return new Inventory(TreeSet.ofAll(ids));
  }

  /** Whether this reconciler owns {@code id}. */
  public boolean owns(ResourceId id) {
    return ids.contains(id);
  }

  /** The same owned ids with another pending set. */
  public Inventory withPending(SortedSet<ResourceId> value) {
    return new Inventory(ids, value);
  }
}
