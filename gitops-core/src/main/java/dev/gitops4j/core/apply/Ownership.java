package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The ownership mark ({@value Resource#OWNER} annotation) a reconciler writes with each resource.
 */
final class Ownership {
  private final String owner;

  /** The marked copy of each desired document, and the last desired state marked whole. */
  private record Marked(Node.Obj body, Node.Obj marked) {}

  private java.util.Map<ResourceId, Marked> marks = java.util.Map.of();
  private @Nullable DesiredState lastDesired;
  private @Nullable DesiredState lastMarked;

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

  /**
   * {@code desired} with the mark on every document. The marked copy of a document is reused while
   * the desired state hands the same instance back (unchanged blobs), so the planner's memo sees
   * the same marked instance plan after plan; only what the last call marked is remembered.
   */
  @SuppressWarnings("ReferenceEquality") // identity: the loader reuses unchanged documents
  synchronized DesiredState markAll(DesiredState desired) {
    if (desired == lastDesired && lastMarked != null) {
      return lastMarked;
    }
    java.util.Map<ResourceId, Marked> next = new java.util.HashMap<>();
    DesiredState marked =
        new DesiredState(
            desired.revision(),
            desired
                .resources()
                .mapValues(
                    r -> {
                      Marked m = marks.get(r.id());
                      if (m == null || m.body != r.body()) {
                        m = new Marked(r.body(), mark(r.body()));
                      }
                      next.put(r.id(), m);
                      return new Resource(r.id(), m.marked, r.dependsOn(), r.provenance());
                    }));
    marks = next;
    lastDesired = desired;
    lastMarked = marked;
    return marked;
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
