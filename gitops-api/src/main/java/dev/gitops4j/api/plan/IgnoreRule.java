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
 *
 * @param kind the kind the rule is limited to, or none for every kind
 * @param resource the one resource the rule is limited to, or none for every resource
 * @param pointer the JSON Pointer of the ignored field; starts with {@code /}
 */
public record IgnoreRule(Option<String> kind, Option<ResourceId> resource, String pointer) {
  /**
   * Checks the components.
   *
   * @param kind the kind the rule is limited to, or none for every kind
   * @param resource the one resource the rule is limited to, or none for every resource
   * @param pointer the JSON Pointer of the ignored field; starts with {@code /}
   * @throws IllegalArgumentException when {@code pointer} does not start with {@code /}
   */
  public IgnoreRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(pointer, "pointer");
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException(
          "ignore pointer '" + pointer + "' must be a JSON Pointer starting with '/'");
    }
  }

  /**
   * Ignores {@code pointer} in every resource.
   *
   * @param pointer a JSON Pointer, starting with {@code /}
   * @return the rule
   * @throws IllegalArgumentException when {@code pointer} does not start with {@code /}
   */
  public static IgnoreRule all(String pointer) {
    return new IgnoreRule(Option.none(), Option.none(), pointer);
  }

  /**
   * Ignores {@code pointer} in every resource of {@code kind}.
   *
   * @param kind the resource kind, such as {@code Deployment}
   * @param pointer a JSON Pointer, starting with {@code /}
   * @return the rule
   * @throws IllegalArgumentException when {@code pointer} does not start with {@code /}
   */
  public static IgnoreRule kind(String kind, String pointer) {
    return new IgnoreRule(Option.of(kind), Option.none(), pointer);
  }

  /**
   * Ignores {@code pointer} in one resource.
   *
   * @param id the resource
   * @param pointer a JSON Pointer, starting with {@code /}
   * @return the rule
   * @throws IllegalArgumentException when {@code pointer} does not start with {@code /}
   */
  public static IgnoreRule resource(ResourceId id, String pointer) {
    return new IgnoreRule(Option.of(id.kind()), Option.of(id), pointer);
  }

  /**
   * Whether this rule applies to {@code id}.
   *
   * @param id a resource
   * @return true when the rule's kind and resource, where set, match {@code id}
   */
  public boolean appliesTo(ResourceId id) {
    return kind.forAll(k -> k.equals(id.kind())) && resource.forAll(r -> r.equals(id));
  }
}
