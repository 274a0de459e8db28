package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;

/**
 * Removes the ownership mark ({@value Resource#OWNER}) a reconciler writes with every resource, so
 * that what a target holds compares with what Git declares.
 */
final class OwnerMarks {
  private OwnerMarks() {}

  /** The document without the mark; an {@code annotations} left empty by that is removed too. */
  static Node.Obj strip(Node.Obj doc) {
    var metadata = doc.get("metadata").filter(Node.Obj.class::isInstance).map(Node.Obj.class::cast);
    if (metadata.isEmpty()) {
      return doc;
    }
    var annotations =
        metadata
            .get()
            .get("annotations")
            .filter(Node.Obj.class::isInstance)
            .map(Node.Obj.class::cast);
    if (annotations.isEmpty() || annotations.get().get(Resource.OWNER).isEmpty()) {
      return doc;
    }
    Node.Obj left = annotations.get().without(Resource.OWNER);
    Node.Obj meta =
        left.fields().isEmpty()
            ? metadata.get().without("annotations")
            : metadata.get().with("annotations", left);
    return doc.with("metadata", meta);
  }
}
