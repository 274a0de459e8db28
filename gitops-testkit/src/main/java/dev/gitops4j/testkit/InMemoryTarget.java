package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * A {@link Target} over a map, for tests of infrastructure code. It counts writes and can be told
 * to fail on chosen resources, and to be edited "out of band" to simulate drift.
 *
 * <pre>{@code
 * InMemoryTarget target = InMemoryTarget.create();
 * target.failOn(ResourceId.of("ConfigMap", "prod", "broken"));
 * }</pre>
 */
public final class InMemoryTarget implements Target {
  private TreeMap<ResourceId, Node.Obj> resources = TreeMap.empty();
  private Set<ResourceId> failing = HashSet.empty();
  private int writes;

  private InMemoryTarget() {}

  /** An empty target. */
  public static InMemoryTarget create() {
    return new InMemoryTarget();
  }

  @Override
  public synchronized ActualState observe() {
    return new ActualState(resources);
  }

  @Override
  public synchronized Option<Node.Obj> get(ResourceId id) {
    return resources.get(id);
  }

  @Override
  public synchronized void put(ResourceId id, Node.Obj document) {
    check(id);
    writes++;
    resources = resources.put(id, document);
  }

  @Override
  public synchronized void delete(ResourceId id) {
    check(id);
    writes++;
    resources = resources.remove(id);
  }

  /** Makes every later write or delete of {@code id} throw a {@link TargetException}. */
  public synchronized InMemoryTarget failOn(ResourceId id) {
    failing = failing.add(id);
    return this;
  }

  /** Stops failing on {@code id}. */
  public synchronized InMemoryTarget heal(ResourceId id) {
    failing = failing.remove(id);
    return this;
  }

  /** Sets a resource directly, as someone editing the system by hand would (drift). */
  public synchronized InMemoryTarget putOutOfBand(ResourceId id, Node.Obj document) {
    resources = resources.put(id, document);
    return this;
  }

  /** Removes a resource directly, bypassing the reconciler. */
  public synchronized InMemoryTarget deleteOutOfBand(ResourceId id) {
    resources = resources.remove(id);
    return this;
  }

  /** How many writes and deletes the reconciler made. */
  public synchronized int writes() {
    return writes;
  }

  @Override
  public String describe() {
    return "memory";
  }

  private void check(ResourceId id) {
    if (failing.contains(id)) {
      throw new TargetException(id + ": injected failure");
    }
  }
}
