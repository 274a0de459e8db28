package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * A mutating admission step an {@link InMemoryTarget} runs on every write, as real APIs do: the
 * stored document is what the webhook returns, not what was sent. Tests of diffing and drift use it
 * to check that server-added fields do not read as changes.
 */
@FunctionalInterface
public interface Webhook {

  /**
   * The document to store.
   *
   * @param id the resource written
   * @param existing what the target held before, if anything
   * @param incoming what the caller sent
   * @return the document to store
   */
  Node.Obj admit(ResourceId id, Option<Node.Obj> existing, Node.Obj incoming);

  /**
   * What a Kubernetes API server adds: {@code metadata.uid} (stable per resource), {@code
   * metadata.creationTimestamp} (kept from the first write), {@code metadata.resourceVersion} (one
   * more on every write), {@code metadata.generation} (one more when anything outside {@code
   * metadata} and {@code status} changed), and a {@code status} with {@code observedGeneration}.
   * Deterministic: the same writes at the same virtual times give the same documents.
   *
   * @param clock the clock for {@code creationTimestamp}
   * @return the webhook
   */
  static Webhook kubernetesDefaults(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return (id, existing, incoming) -> {
      Node.Obj oldMeta = existing.flatMap(d -> objAt(d, "metadata")).getOrElse(Node.Obj.EMPTY);
      long version = longAt(oldMeta, "resourceVersion").getOrElse(0L) + 1;
      boolean specChanged =
          existing.isEmpty()
              || !existing
                  .get()
                  .without("metadata")
                  .without("status")
                  .equals(incoming.without("metadata").without("status"));
      long generation = longAt(oldMeta, "generation").getOrElse(0L) + (specChanged ? 1 : 0);
      String uid =
          oldMeta
              .get("uid")
              .filter(Node.Str.class::isInstance)
              .map(n -> ((Node.Str) n).value())
              .getOrElse(
                  () ->
                      UUID.nameUUIDFromBytes(id.toString().getBytes(StandardCharsets.UTF_8))
                          .toString());
      Node created =
          oldMeta.get("creationTimestamp").getOrElse(() -> Node.str(clock.instant().toString()));
      Node.Obj meta =
          objAt(incoming, "metadata")
              .getOrElse(Node.Obj.EMPTY)
              .with("uid", Node.str(uid))
              .with("creationTimestamp", created)
              .with("resourceVersion", Node.str(Long.toString(version)))
              .with("generation", Node.num(generation));
      Node.Obj status =
          Node.obj("observedGeneration", Node.num(generation), "phase", Node.str("Ready"));
      return incoming.with("metadata", meta).with("status", status);
    };
  }

  private static Option<Node.Obj> objAt(Node.Obj doc, String key) {
    return doc.get(key).filter(Node.Obj.class::isInstance).map(Node.Obj.class::cast);
  }

  private static Option<Long> longAt(Node.Obj doc, String key) {
    return doc.get(key)
        .flatMap(
            n -> {
              if (n instanceof Node.Int i) {
                return Option.of(i.value().longValue());
              }
              if (n instanceof Node.Str s && s.value().matches("[0-9]{1,18}")) {
                return Option.of(new BigInteger(s.value()).longValue());
              }
              return Option.none();
            });
  }
}
