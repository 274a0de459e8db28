package dev.gitops4j.api.target;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.PatchOperation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
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

  /**
   * Everything that exists on the target that this adapter can see.
   *
   * @return a snapshot of the resources read now, with their current documents
   */
  ActualState observe();

  /**
   * The current document of one resource, if it exists.
   *
   * @param id the resource to read
   * @return its document, or none when the target has no such resource
   */
  default Option<Node.Obj> get(ResourceId id) {
    return observe().get(id);
  }

  /**
   * Creates or replaces a resource so that it equals {@code document}.
   *
   * @param id the resource to write
   * @param document the whole document it must equal afterwards
   */
  void put(ResourceId id, Node.Obj document);

  /**
   * Deletes a resource; deleting one that does not exist is not an error.
   *
   * @param id the resource to delete
   */
  void delete(ResourceId id);

  /**
   * Writes {@code document} only if the resource still is {@code expected} (none: absent), the
   * document this caller last observed; returns false without writing when it moved. This is how
   * the reconciler checks a change's precondition without a round trip of its own.
   *
   * <p>The default reads, compares and writes (two calls, not atomic). An adapter whose system has
   * versions (HTTP {@code If-Match}, a Kubernetes {@code resourceVersion}, a database row version)
   * should override it as one conditional call, keeping the version it saw in {@link #observe()}.
   *
   * @param id the resource to write
   * @param expected the document the caller last observed; none means it must still be absent
   * @param document the whole document to write
   * @return true if it wrote, false if the resource moved and nothing was written
   */
  default boolean putIfUnchanged(ResourceId id, Option<Node.Obj> expected, Node.Obj document) {
    if (!get(id).equals(expected)) {
      return false;
    }
    put(id, document);
    return true;
  }

  /**
   * Deletes the resource only if it still is {@code expected}; false without deleting when it
   * moved. The default reads, compares and deletes, like {@link #putIfUnchanged}.
   *
   * @param id the resource to delete
   * @param expected the document the caller last observed
   * @return true if it deleted, false if the resource moved (or is gone) and nothing was deleted
   */
  default boolean deleteIfUnchanged(ResourceId id, Node.Obj expected) {
    if (!get(id).equals(Option.of(expected))) {
      return false;
    }
    delete(id);
    return true;
  }

  /**
   * The health of a resource after it was written; healthy unless the adapter knows better.
   *
   * @param id the resource just written
   * @return its health now; {@link Health#healthy()} by default
   */
  default Health health(ResourceId id) {
    return Health.healthy();
  }

  /**
   * Clears what a run killed mid-write left behind (temporary files, say). The reconciler calls it
   * at the start of each reconcile while it holds the state lock; nothing by default.
   */
  default void recover() {}

  /**
   * Why this target cannot hold a resource with this id, or none when it can: the target's own name
   * rules and limits (characters, lengths, reserved names). Validation asks it for every resource
   * before anything is touched, so a name that passes validation never fails at apply. The default
   * accepts every id that loaded.
   *
   * @param id the id of a declared resource
   * @return the reason it cannot be stored here, or none when it can
   */
  default Option<String> checkId(ResourceId id) {
    return Option.none();
  }

  /**
   * Writes an update planned as {@code patch} (RFC 6902, from the current document) whose result is
   * {@code merged}: the current document with the fields Git owns set, and every field someone else
   * set kept. The default puts {@code merged} whole; an adapter for an API with a PATCH verb can
   * send {@code patch} instead, so that fields written concurrently by others survive too.
   *
   * @param id the resource to update
   * @param patch the planned operations, relative to the current document
   * @param merged the document that applying {@code patch} to the current document yields
   */
  default void patch(ResourceId id, Seq<PatchOperation> patch, Node.Obj merged) {
    put(id, merged);
  }

  /**
   * Replaces a resource whose immutable fields changed. The default deletes, then creates; an
   * adapter that can create the new resource before deleting the old one (or swap atomically)
   * overrides this.
   *
   * @param id the resource to replace
   * @param document the whole document of the new resource
   */
  default void replace(ResourceId id, Node.Obj document) {
    delete(id);
    put(id, document);
  }

  /**
   * JSON Pointers of fields of {@code kind} that cannot change in place (besides {@code
   * /apiVersion}): a change to one plans a replace. None by default.
   *
   * @param kind the resource kind
   * @return the pointers, such as {@code /spec/selector}; empty when every field can change in
   *     place
   */
  default Seq<String> immutableFields(String kind) {
    return List.empty();
  }

  /**
   * The document as this target would store it: fill in the defaults it applies, put values in its
   * canonical form, so that a freshly written resource never shows a difference. Applied to
   * declared documents before planning; identity by default. Must be pure and idempotent.
   *
   * @param id the resource the document declares
   * @param document the document as declared in Git
   * @return the document in the target's stored form
   */
  default Node.Obj normalize(ResourceId id, Node.Obj document) {
    return document;
  }

  /**
   * A short description for logs and events, such as {@code dir:/var/lib/app}.
   *
   * @return the description; it contains no secret
   */
  String describe();
}
