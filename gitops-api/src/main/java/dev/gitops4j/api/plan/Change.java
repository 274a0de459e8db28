package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.Seq;
import java.util.Locale;

/**
 * One step of a {@link Plan}. Each change names its resource and the {@link Precondition} it was
 * computed against.
 */
public sealed interface Change {

  /** What a change does, for reports and JSON. */
  enum Action {
    CREATE,
    UPDATE,
    REPLACE,
    DELETE,
    NOOP;

    /** The lower-case name used in JSON and the CLI. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The resource this change is about. */
  ResourceId id();

  /** What the target must hold for this change to apply. */
  Precondition expected();

  /** What this change does. */
  Action action();

  /** Creates a resource that does not exist. */
  record Create(ResourceId id, Node.Obj desired) implements Change {
    @Override
    public Precondition expected() {
      return Precondition.absent();
    }

    @Override
    public Action action() {
      return Action.CREATE;
    }
  }

  /**
   * Brings the actual document in line with {@code desired}: {@code patch} is the RFC 6902 patch
   * from the observed document to the one to write (which keeps fields Git never declared), and
   * {@code fields} says for review what each touched field was, becomes, and why.
   */
  record Update(
      ResourceId id,
      Node.Obj desired,
      Seq<PatchOperation> patch,
      Precondition expected,
      Seq<FieldChange> fields)
      implements Change {
    public Update {
      java.util.Objects.requireNonNull(fields, "fields");
    }

    /** An update without field labels (renderers then show the patch operations). */
    public Update(
        ResourceId id, Node.Obj desired, Seq<PatchOperation> patch, Precondition expected) {
      this(id, desired, patch, expected, io.vavr.collection.List.empty());
    }

    @Override
    public Action action() {
      return Action.UPDATE;
    }
  }

  /** Deletes and recreates a resource whose identity-bearing fields changed. */
  record Replace(ResourceId id, Node.Obj desired, Precondition expected) implements Change {
    @Override
    public Action action() {
      return Action.REPLACE;
    }
  }

  /** Deletes a resource that Git no longer declares and that this reconciler owns. */
  record Delete(ResourceId id, Precondition expected) implements Change {
    @Override
    public Action action() {
      return Action.DELETE;
    }
  }

  /** The resource is already as desired. */
  record NoOp(ResourceId id, Precondition expected) implements Change {
    @Override
    public Action action() {
      return Action.NOOP;
    }
  }
}
