package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;

/**
 * Turns a declared document into the form the target stores, so that the planner compares like with
 * like: a target that writes {@code cpu: 0.5} back as {@code 500m}, or fills in a default for a
 * field Git declares empty, would otherwise show a difference on every plan. Applied to the desired
 * and the last-applied documents before they are compared with the observed one.
 *
 * <p>Must be a pure function of its input, and idempotent.
 */
@FunctionalInterface
public interface Normalizer {
  /**
   * The document as the target would store it.
   *
   * @param id the resource the document declares
   * @param document the declared document
   * @return the normalized document; {@code document} itself when nothing changes
   */
  Node.Obj normalize(ResourceId id, Node.Obj document);
}
