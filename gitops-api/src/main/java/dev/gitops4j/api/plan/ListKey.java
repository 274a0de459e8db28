package dev.gitops4j.api.plan;

import java.util.Objects;

/**
 * A merge key for lists of objects, as Kubernetes uses {@code name} for containers, env and ports:
 * the planner matches elements of the list at {@code path} by the value of their {@code key} field
 * instead of by position, so a reordered or inserted element does not show as a change of every
 * element after it.
 *
 * <p>{@code path} is a JSON Pointer in which {@code *} matches any one token, such as {@code
 * /spec/template/spec/containers/*}{@code /env}. A list whose elements do not all carry a distinct
 * key is compared by position and content instead.
 *
 * <pre>{@code
 * new ListKey("/spec/template/spec/containers/*" + "/ports", "containerPort")
 * }</pre>
 *
 * @param path the JSON Pointer of the list; {@code *} matches any one token
 * @param key the field whose value identifies an element
 */
public record ListKey(String path, String key) {
  /**
   * Checks that both components are set and that {@code path} is a JSON Pointer.
   *
   * @param path the JSON Pointer of the list (empty for the root)
   * @param key the field that identifies an item of the list
   */
  public ListKey {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(key, "key");
    if (!path.isEmpty() && !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "list key path '" + path + "' must be a JSON Pointer starting with '/'");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("list key for '" + path + "' must not be empty");
    }
  }

  /**
   * Whether this key applies to the list at {@code pointer} (an escaped JSON Pointer).
   *
   * @param pointer the escaped JSON Pointer of a list in a document
   * @return whether this key applies to the list at {@code pointer} (an escaped JSON Pointer)
   */
  public boolean matches(String pointer) {
    String[] want = path.split("/", -1);
    String[] have = pointer.split("/", -1);
    if (want.length != have.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals("*") && !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
  }
}
