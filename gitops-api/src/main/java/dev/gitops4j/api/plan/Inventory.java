package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;

/**
 * The resources this reconciler applied before and therefore owns. Pruning is limited to the
 * inventory, so resources created by anyone else are never deleted.
 */
public record Inventory(SortedSet<ResourceId> ids) {
  /** An inventory that owns nothing: nothing will be pruned. */
  public static final Inventory EMPTY = new Inventory(TreeSet.empty());

  public Inventory {
    Objects.requireNonNull(ids, "ids");
  }

  /** An inventory of these ids. */
  public static Inventory of(Iterable<ResourceId> ids) {
    return new Inventory(TreeSet.ofAll(ids));
  }

  /** Whether this reconciler owns {@code id}. */
  public boolean owns(ResourceId id) {
    return ids.contains(id);
  }
}
