package dev.gitops4j.api.target;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a {@link Target} observed: the documents that really exist there, by id.
 *
 * @param resources the documents by id; empty when the target holds nothing this adapter sees
 */
public record ActualState(SortedMap<ResourceId, Node.Obj> resources) {
  /** Nothing observed. */
  public static final ActualState EMPTY = new ActualState(TreeMap.empty());

  /**
   * Checks that no component is null.
   *
   * @param resources every observed document by id
   */
  public ActualState {
    Objects.requireNonNull(resources, "resources");
  }

  /**
   * The observed document with this id, if it exists.
   *
   * @param id the resource to look up
   * @return the observed document with this id, if it exists
   */
  public Option<Node.Obj> get(ResourceId id) {
    return resources.get(id);
  }
}
