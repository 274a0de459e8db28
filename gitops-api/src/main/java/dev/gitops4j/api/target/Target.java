package dev.gitops4j.api.target;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.control.Option;

/**
 * The system that GitOps4J keeps in line with Git: a directory, an HTTP API, a database. Users
 * write one adapter per system by implementing this interface; it needs {@code gitops-api} alone.
 *
 * <p>Writes are whole documents: {@link #put} makes the resource equal to the given document,
 * creating it if needed. Implementations throw {@link TargetException} on failure; the reconciler
 * stops there and reports the message.
 */
public interface Target {

  /** Everything that exists on the target that this adapter can see. */
  ActualState observe();

  /** The current document of one resource, if it exists. */
  default Option<Node.Obj> get(ResourceId id) {
    return observe().get(id);
  }

  /** Creates or replaces a resource so that it equals {@code document}. */
  void put(ResourceId id, Node.Obj document);

  /** Deletes a resource; deleting one that does not exist is not an error. */
  void delete(ResourceId id);

  /** The health of a resource after it was written; healthy unless the adapter knows better. */
  default Health health(ResourceId id) {
    return Health.healthy();
  }

  /** A short description for logs and events, such as {@code dir:/var/lib/app}. */
  String describe();
}
