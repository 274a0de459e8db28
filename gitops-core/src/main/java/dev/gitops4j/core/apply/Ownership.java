package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

/**
 * The ownership mark ({@value Resource#OWNER} annotation) a reconciler writes with each resource.
 */
final class Ownership {
  private final String owner;

  Ownership(String owner) {
    this.owner = owner;
  }

  String owner() {
    return owner;
  }

  /** The document with the mark set in {@code metadata.annotations}. */
  Node.Obj mark(Node.Obj doc) {
    Node.Obj metadata =
        doc.get("metadata")
            .filter(Node.Obj.class::isInstance)
            .map(Node.Obj.class::cast)
            .getOrElse(Node.Obj.EMPTY);
    Node.Obj annotations =
        metadata
            .get("annotations")
            .filter(Node.Obj.class::isInstance)
            .map(Node.Obj.class::cast)
            .getOrElse(Node.Obj.EMPTY);
    return doc.with(
        "metadata",
        metadata.with("annotations", annotations.with(Resource.OWNER, Node.str(owner))));
  }

  /** Whether the document carries this owner's mark. */
  boolean isMarked(Node.Obj doc) {
    return doc.at("/metadata/annotations")
        .flatMap(
            a -> a instanceof Node.Obj o ? o.get(Resource.OWNER) : io.vavr.control.Option.none())
        .flatMap(Node::asText)
        .contains(owner);
  }

  /** Every observed resource that carries the mark: what this owner wrote, by the target's word. */
  SortedSet<ResourceId> markedIn(ActualState actual) {
    TreeSet<ResourceId> out = TreeSet.empty();
    for (var e : actual.resources()) {
      if (isMarked(e._2)) {
        out = out.add(e._1);
      }
    }
    return out;
  }
}
