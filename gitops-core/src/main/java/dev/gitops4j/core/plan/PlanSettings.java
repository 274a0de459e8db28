package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.IgnoreRule;
import dev.gitops4j.api.plan.ListKey;
import dev.gitops4j.api.plan.PlanOptions;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Planning settings a repository carries in the {@code plan:} section of its {@code gitops4j.yaml},
 * so that everyone who plans it sees the same plan: fields to ignore and merge keys for lists. They
 * are added to the options given in code.
 *
 * <pre>{@code
 * plan:
 *   ignore:
 *     - kind: Deployment          # optional; with name (and namespace) one resource
 *       pointer: /spec/replicas   # a JSON Pointer
 *   listKeys:
 *     - path: /spec/ports
 *       key: port
 * }</pre>
 *
 * @param ignores fields left as the target holds them
 * @param listKeys merge keys for lists of objects
 */
public record PlanSettings(Seq<IgnoreRule> ignores, Seq<ListKey> listKeys) {
  /** No settings. */
  public static final PlanSettings NONE = new PlanSettings(List.empty(), List.empty());

  private static final Set<String> SECTION = Set.of("ignore", "listKeys");
  private static final Set<String> IGNORE = Set.of("kind", "namespace", "name", "pointer");
  private static final Set<String> LIST_KEY = Set.of("path", "key");

  /**
   * Checks that no component is null.
   *
   * @param ignores fields left as the target holds them
   * @param listKeys merge keys for lists of objects
   */
  public PlanSettings {
    Objects.requireNonNull(ignores, "ignores");
    Objects.requireNonNull(listKeys, "listKeys");
  }

  /**
   * The options with these ignore rules and list keys added.
   *
   * @param options the options given in code; their own rules and keys are kept
   * @return the options with the repository's settings added, or {@code options} itself when there
   *     are none
   */
  public PlanOptions applyTo(PlanOptions options) {
    if (ignores.isEmpty() && listKeys.isEmpty()) {
      return options;
    }
    return options.withIgnores(ignores).withListKeys(listKeys);
  }

  /** Where a problem in the section was found: a JSON Pointer into the file and a message. */
  @FunctionalInterface
  public interface Problems {
    /**
     * Records a problem at {@code pointer} (such as {@code /plan/ignore/1}).
     *
     * @param pointer a JSON Pointer into {@code gitops4j.yaml} to the offending value
     * @param message what is wrong there, for the user
     */
    void at(String pointer, String message);
  }

  /**
   * Reads the {@code plan} section ({@code node}); every problem goes to {@code problems}, and the
   * settings read are returned (the caller discards them when there was a problem).
   *
   * @param node the value of the {@code plan} key; {@code null} means no settings
   * @param problems receives every problem found, unknown keys included
   * @return the settings read, {@link #NONE} when the section is null or not a mapping
   */
  public static PlanSettings parse(Node node, Problems problems) {
    if (node instanceof Node.Null) {
      return NONE;
    }
    if (!(node instanceof Node.Obj section)) {
      problems.at("/plan", "'plan' must be a mapping");
      return NONE;
    }
    keys(section, SECTION, "plan.", "/plan", problems);
    List<IgnoreRule> ignores = List.empty();
    Vector<Node> items = items(section, "ignore", problems);
    for (int i = 0; i < items.size(); i++) {
      String at = "/plan/ignore/" + i;
      if (!(items.get(i) instanceof Node.Obj item)) {
        problems.at(at, "plan.ignore[" + i + "] must be a mapping");
        continue;
      }
      keys(item, IGNORE, "plan.ignore[" + i + "].", at, problems);
      Option<String> pointer = text(item, "pointer");
      Option<String> kind = text(item, "kind");
      Option<String> name = text(item, "name");
      Option<String> namespace = text(item, "namespace");
      if (pointer.isEmpty() || !pointer.get().startsWith("/")) {
        problems.at(at, "plan.ignore[" + i + "] needs a 'pointer' starting with '/'");
      } else if ((name.isDefined() || namespace.isDefined()) && kind.isEmpty()) {
        problems.at(at, "plan.ignore[" + i + "] names a resource but no 'kind'");
      } else if (namespace.isDefined() && name.isEmpty()) {
        problems.at(at, "plan.ignore[" + i + "] has a 'namespace' but no 'name'");
      } else if (name.isDefined()) {
        ResourceId id =
            namespace.isDefined()
                ? ResourceId.of(kind.get(), namespace.get(), name.get())
                : ResourceId.of(kind.get(), name.get());
        ignores = ignores.append(IgnoreRule.resource(id, pointer.get()));
      } else {
        ignores =
            ignores.append(
                kind.isDefined()
                    ? IgnoreRule.kind(kind.get(), pointer.get())
                    : IgnoreRule.all(pointer.get()));
      }
    }
    List<ListKey> keys = List.empty();
    Vector<Node> keyItems = items(section, "listKeys", problems);
    for (int i = 0; i < keyItems.size(); i++) {
      String at = "/plan/listKeys/" + i;
      if (!(keyItems.get(i) instanceof Node.Obj item)) {
        problems.at(at, "plan.listKeys[" + i + "] must be a mapping");
        continue;
      }
      keys(item, LIST_KEY, "plan.listKeys[" + i + "].", at, problems);
      Option<String> path = text(item, "path");
      Option<String> key = text(item, "key");
      if (path.isEmpty() || !path.get().startsWith("/") || key.isEmpty() || key.get().isEmpty()) {
        problems.at(at, "plan.listKeys[" + i + "] needs a 'path' starting with '/' and a 'key'");
      } else {
        keys = keys.append(new ListKey(path.get(), key.get()));
      }
    }
    return new PlanSettings(ignores, keys);
  }

  private static void keys(
      Node.Obj obj, Set<String> allowed, String where, String at, Problems problems) {
    for (String key : obj.fields().keySet()) {
      if (!allowed.contains(key)) {
        problems.at(
            at + "/" + key,
            "unknown key '" + where + key + "' (allowed: " + new TreeSet<>(allowed) + ")");
      }
    }
  }

  private static Vector<Node> items(Node.Obj section, String key, Problems problems) {
    Option<Node> n = section.get(key);
    if (n.isEmpty() || n.get() instanceof Node.Null) {
      return Vector.empty();
    }
    if (n.get() instanceof Node.Arr a) {
      return a.items();
    }
    problems.at("/plan/" + key, "'plan." + key + "' must be a list");
    return Vector.empty();
  }

  private static Option<String> text(Node.Obj item, String key) {
    return item.get(key).flatMap(Node::asText);
  }
}
