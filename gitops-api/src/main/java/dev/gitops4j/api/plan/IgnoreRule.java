package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.ResourceId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A field the planner leaves alone: whatever the target holds at {@code pointer} (a JSON Pointer)
 * is kept and never shows as a difference. It applies to every resource, to one kind, or to one
 * resource. Use it for fields another controller owns, such as {@code /spec/replicas} under an
 * autoscaler.
 *
 * <pre>{@code
 * IgnoreRule.kind("Deployment", "/spec/replicas")
 * }</pre>
 */
public record IgnoreRule(Option<String> kind, Option<ResourceId> resource, String pointer) {
  public IgnoreRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(pointer, "pointer");
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException(
          "ignore pointer '" + pointer + "' must be a JSON Pointer starting with '/'");
    }
  }

  /** Ignores {@code pointer} in every resource. */
  public static IgnoreRule all(String pointer) {
    return new IgnoreRule(Option.none(), Option.none(), pointer);
  }

  /** Ignores {@code pointer} in every resource of {@code kind}. */
  public static IgnoreRule kind(String kind, String pointer) {
    return new IgnoreRule(Option.of(kind), Option.none(), pointer);
  }

  /** Ignores {@code pointer} in one resource. */
  public static IgnoreRule resource(ResourceId id, String pointer) {
    return new IgnoreRule(Option.of(id.kind()), Option.of(id), pointer);
  }

  /** Whether this rule applies to {@code id}. */
  public boolean appliesTo(ResourceId id) {
    return kind.forAll(k -> k.equals(id.kind())) && resource.forAll(r -> r.equals(id));
  }
}
