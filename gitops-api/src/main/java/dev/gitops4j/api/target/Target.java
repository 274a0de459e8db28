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

  /**
   * Writes {@code document} only if the resource still is {@code expected} (none: absent), the
   * document this caller last observed; returns false without writing when it moved. This is how
   * the reconciler checks a change's precondition without a round trip of its own.
   *
   * <p>The default reads, compares and writes (two calls, not atomic). An adapter whose system has
   * versions (HTTP {@code If-Match}, a Kubernetes {@code resourceVersion}, a database row version)
   * should override it as one conditional call, keeping the version it saw in {@link #observe()}.
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
   */
  default boolean deleteIfUnchanged(ResourceId id, Node.Obj expected) {
    if (!get(id).equals(Option.of(expected))) {
      return false;
    }
    delete(id);
    return true;
  }

  /** The health of a resource after it was written; healthy unless the adapter knows better. */
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
   */
  default Option<String> checkId(ResourceId id) {
    return Option.none();
  }

  /**
   * Writes an update planned as {@code patch} (RFC 6902, from the current document) whose result is
   * {@code merged}: the current document with the fields Git owns set, and every field someone else
   * set kept. The default puts {@code merged} whole; an adapter for an API with a PATCH verb can
   * send {@code patch} instead, so that fields written concurrently by others survive too.
   */
  default void patch(ResourceId id, Seq<PatchOperation> patch, Node.Obj merged) {
    put(id, merged);
  }

  /**
   * Replaces a resource whose immutable fields changed. The default deletes, then creates; an
   * adapter that can create the new resource before deleting the old one (or swap atomically)
   * overrides this.
   */
  default void replace(ResourceId id, Node.Obj document) {
    delete(id);
    put(id, document);
  }

  /**
   * JSON Pointers of fields of {@code kind} that cannot change in place (besides {@code
   * /apiVersion}): a change to one plans a replace. None by default.
   */
  default Seq<String> immutableFields(String kind) {
    return List.empty();
  }

  /**
   * The document as this target would store it: fill in the defaults it applies, put values in its
   * canonical form, so that a freshly written resource never shows a difference. Applied to
   * declared documents before planning; identity by default. Must be pure and idempotent.
   */
  default Node.Obj normalize(ResourceId id, Node.Obj document) {
    return document;
  }

  /** A short description for logs and events, such as {@code dir:/var/lib/app}. */
  String describe();
}
