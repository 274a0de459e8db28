package dev.gitops4j.api.model;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * Identifies one resource: its kind, an optional namespace, and its name.
 *
 * <p>Ids are totally ordered (kind, then namespace with cluster-scoped first, then name), which is
 * what makes plans deterministic. The string form is {@code Kind/namespace/name} or {@code
 * Kind/name} for cluster-scoped resources; {@link #parse(String)} reads it back.
 *
 * @param kind the kind, such as {@code ConfigMap}; not empty
 * @param namespace the namespace, or none for a cluster-scoped resource; never empty when present
 * @param name the name; not empty
 */
public record ResourceId(String kind, Option<String> namespace, String name)
    implements Comparable<ResourceId> {

  /**
   * Checks the components.
   *
   * @param kind the kind, such as {@code ConfigMap}; not empty
   * @param namespace the namespace, or none for a cluster-scoped resource; never empty when present
   * @param name the name; not empty
   * @throws IllegalArgumentException when {@code kind} or {@code name} is empty, or {@code
   *     namespace} is present but empty
   */
  public ResourceId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (kind.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("kind and name must not be empty");
    }
    if (namespace.exists(String::isEmpty)) {
      throw new IllegalArgumentException("namespace must be absent or non-empty");
    }
  }

  /**
   * A cluster-scoped id.
   *
   * @param kind the kind; not empty
   * @param name the name; not empty
   * @return the id, with no namespace
   */
  public static ResourceId of(String kind, String name) {
    return new ResourceId(kind, Option.none(), name);
  }

  /**
   * A namespaced id.
   *
   * @param kind the kind; not empty
   * @param namespace the namespace; not empty
   * @param name the name; not empty
   * @return the id
   */
  public static ResourceId of(String kind, String namespace, String name) {
    return new ResourceId(kind, Option.of(namespace), name);
  }

  /**
   * Reads {@code Kind/name} or {@code Kind/namespace/name}.
   *
   * @param text the string form; surrounding white space is ignored
   * @return none when the text has not two or three non-empty parts
   */
  public static Option<ResourceId> parse(String text) {
    String[] parts = text.trim().split("/", -1);
    for (String p : parts) {
      if (p.isEmpty()) {
        return Option.none();
      }
    }
    return switch (parts.length) {
      case 2 -> Option.of(of(parts[0], parts[1]));
      case 3 -> Option.of(of(parts[0], parts[1], parts[2]));
      default -> Option.none();
    };
  }

  @Override
  public int compareTo(ResourceId other) {
    int c = kind.compareTo(other.kind);
    if (c != 0) {
      return c;
    }
    c =
        (namespace.isDefined() ? namespace.get() : "")
            .compareTo(other.namespace.isDefined() ? other.namespace.get() : "");
    return c != 0 ? c : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return namespace.isDefined() ? kind + "/" + namespace.get() + "/" + name : kind + "/" + name;
  }
}
