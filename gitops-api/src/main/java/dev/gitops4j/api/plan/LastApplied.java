package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/**
 * What this reconciler last wrote per resource, as Git declared it (secrets redacted): the third
 * side of a three-way plan. A field present on the target but not in Git is removed only when it is
 * in the last-applied document (Git removed it); otherwise it belongs to someone else and stays.
 */
@FunctionalInterface
public interface LastApplied {
  /**
   * The document last applied for {@code id}, if any.
   *
   * @param id the resource
   * @return the document as Git declared it, secrets redacted; none if nothing was recorded
   */
  Option<Node.Obj> get(ResourceId id);

  /**
   * Nothing recorded: every field on the target that Git does not declare is kept.
   *
   * @return a source that has no document for any id
   */
  static LastApplied none() {
    return id -> Option.none();
  }

  /**
   * The documents of a map.
   *
   * @param documents the last applied document per resource; ids not in it have none
   * @return a source reading from the map
   */
  static LastApplied of(Map<ResourceId, Node.Obj> documents) {
    return documents::get;
  }
}
