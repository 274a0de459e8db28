package dev.gitops4j.api.model;

import dev.gitops4j.api.source.Revision;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What Git says should exist at one revision: every resource by id. Immutable; two loads of the
 * same revision give equal desired states.
 *
 * <p>A desired state returned by the loader is valid: ids are unique, every dependency names a
 * resource in the state and the dependency graph has no cycle.
 *
 * @param revision the revision loaded
 * @param resources every declared resource, by id
 */
public record DesiredState(Revision revision, SortedMap<ResourceId, Resource> resources) {
  /**
   * Checks that no component is null.
   *
   * @param revision the revision the resources were loaded from
   * @param resources the resources by id
   */
  public DesiredState {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(resources, "resources");
  }

  /**
   * A desired state of the given resources, keyed by their ids.
   *
   * @param revision the revision the resources were loaded from
   * @param resources the resources; ids must be unique (a later one replaces an earlier one)
   * @return a desired state of the given resources, keyed by their ids
   */
  public static DesiredState of(Revision revision, Iterable<Resource> resources) {
    TreeMap<ResourceId, Resource> map = TreeMap.empty();
    for (Resource r : resources) {
      map = map.put(r.id(), r);
    }
    return new DesiredState(revision, map);
  }

  /**
   * The resource with this id, if declared.
   *
   * @param id the resource to look up
   * @return the resource with this id, if declared
   */
  public Option<Resource> get(ResourceId id) {
    return resources.get(id);
  }

  /**
   * How many resources are declared.
   *
   * @return how many resources are declared
   */
  public int size() {
    return resources.size();
  }
}
