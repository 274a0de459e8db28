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
    /** Creates a resource that does not exist. */
    CREATE,
    /** Patches an existing resource in place. */
    UPDATE,
    /** Deletes and recreates a resource whose immutable fields changed. */
    REPLACE,
    /** Deletes a resource that Git no longer declares. */
    DELETE,
    /** Nothing to do: the resource is already as desired. */
    NOOP;

    /**
     * The lower-case name used in JSON and the CLI.
     *
     * @return the name, such as {@code create}
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The resource this change is about.
   *
   * @return its id
   */
  ResourceId id();

  /**
   * What the target must hold for this change to apply.
   *
   * @return the precondition checked before writing
   */
  Precondition expected();

  /**
   * What this change does.
   *
   * @return the action
   */
  Action action();

  /**
   * Creates a resource that does not exist.
   *
   * @param id the resource
   * @param desired the document to create
   */
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
   *
   * @param id the resource
   * @param desired the document as Git declares it
   * @param patch the RFC 6902 operations from the observed document to the one to write
   * @param expected the observed document the patch was computed against
   * @param fields a label per touched field; empty when the renderers show the patch instead
   */
  record Update(
      ResourceId id,
      Node.Obj desired,
      Seq<PatchOperation> patch,
      Precondition expected,
      Seq<FieldChange> fields)
      implements Change {
    /**
     * Checks that no component is null.
     *
     * @param id the resource
     * @param desired the document as Git declares it
     * @param patch the RFC 6902 operations from the observed document to the one to write
     * @param expected the observed document the patch was computed against
     * @param fields a label per touched field; empty when the renderers show the patch instead
     */
    public Update {
      java.util.Objects.requireNonNull(fields, "fields");
    }

    /**
     * An update without field labels (renderers then show the patch operations).
     *
     * @param id the resource
     * @param desired the document as Git declares it
     * @param patch the RFC 6902 operations from the observed document to the one to write
     * @param expected the observed document the patch was computed against
     */
    public Update(
        ResourceId id, Node.Obj desired, Seq<PatchOperation> patch, Precondition expected) {
      this(id, desired, patch, expected, io.vavr.collection.List.empty());
    }

    @Override
    public Action action() {
      return Action.UPDATE;
    }
  }

  /**
   * Deletes and recreates a resource whose identity-bearing fields changed.
   *
   * @param id the resource
   * @param desired the document of the new resource
   * @param expected the observed document of the old one
   */
  record Replace(ResourceId id, Node.Obj desired, Precondition expected) implements Change {
    @Override
    public Action action() {
      return Action.REPLACE;
    }
  }

  /**
   * Deletes a resource that Git no longer declares and that this reconciler owns.
   *
   * @param id the resource
   * @param expected the observed document it is deleted against
   */
  record Delete(ResourceId id, Precondition expected) implements Change {
    @Override
    public Action action() {
      return Action.DELETE;
    }
  }

  /**
   * The resource is already as desired.
   *
   * @param id the resource
   * @param expected the observed document
   */
  record NoOp(ResourceId id, Precondition expected) implements Change {
    @Override
    public Action action() {
      return Action.NOOP;
    }
  }
}
