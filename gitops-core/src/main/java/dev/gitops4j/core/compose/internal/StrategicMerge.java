package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Map;

/**
 * Kubernetes strategic merge patches as kustomize applies them: mappings merge, {@code null}
 * deletes, lists of the common Kubernetes kinds merge by their key ({@code containers} by {@code
 * name}, {@code volumeMounts} by {@code mountPath}, ...), other lists are replaced, and {@code
 * $patch: delete|replace} directives apply.
 */
public final class StrategicMerge {
  private static final Map<String, String> MERGE_KEYS =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("volumes", "name"),
          Map.entry("env", "name"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("hostAliases", "ip"),
          Map.entry("topologySpreadConstraints", "topologyKey"),
          Map.entry("conditions", "type"));

  private StrategicMerge() {}

  /** Whether the patch deletes the whole resource ({@code $patch: delete} at its top). */
  public static boolean deletes(Node patch) {
    return patch instanceof Node.Obj o && o.get("$patch").flatMap(Node::asText).contains("delete");
  }

  /** The original with the patch merged in. */
  public static Node merge(Node original, Node patch) {
    return mergeValue(original, patch, "").getOrElse(Node.nil());
  }

  private static Option<Node> mergeValue(Node original, Node patch, String field) {
    if (patch instanceof Node.Obj p) {
      String directive = p.get("$patch").flatMap(Node::asText).getOrElse("");
      if (directive.equals("delete")) {
        return Option.none();
      }
      if (directive.equals("replace")) {
        return Option.of(clean(p.without("$patch")));
      }
      if (!(original instanceof Node.Obj o)) {
        return Option.of(clean(p));
      }
      Node.Obj out = o;
      for (var e : p.fields()) {
        String key = e._1;
        if (key.startsWith("$")) {
          continue;
        }
        Node value = e._2;
        if (value instanceof Node.Null) {
          out = out.without(key);
          continue;
        }
        Option<Node> current = out.get(key).filter(n -> !(n instanceof Node.Null));
        Option<Node> merged =
            current.isDefined() ? mergeValue(current.get(), value, key) : create(value);
        out = merged.isDefined() ? out.with(key, merged.get()) : out.without(key);
      }
      return Option.of(out);
    }
    if (patch instanceof Node.Arr p && original instanceof Node.Arr o) {
      return Option.of(mergeList(o, p, field));
    }
    return Option.of(clean(patch));
  }

  private static Option<Node> create(Node value) {
    if (value instanceof Node.Obj o && o.get("$patch").flatMap(Node::asText).contains("delete")) {
      return Option.none();
    }
    return Option.of(clean(value));
  }

  private static Node mergeList(Node.Arr original, Node.Arr patch, String field) {
    String key = mergeKey(original, patch, field);
    if (key == null) {
      Vector<Node> items =
          patch.items().filter(n -> !isDirectiveOnly(n)).map(StrategicMerge::clean);
      return new Node.Arr(items);
    }
    // kustomize (kyaml merge2) orders the result as the patch lists its elements, then the
    // original elements the patch did not mention.
    Vector<Node> rest = original.items();
    Vector<Node> out = Vector.empty();
    for (Node item : patch.items()) {
      if (!(item instanceof Node.Obj p)) {
        continue;
      }
      Option<Node> id = p.get(key);
      int at = id.isEmpty() ? -1 : indexOf(rest, key, id.get());
      boolean delete = p.get("$patch").flatMap(Node::asText).contains("delete");
      if (at >= 0) {
        Node merged = mergeValue(rest.get(at), p, field).getOrElse(Node.nil());
        rest = rest.removeAt(at);
        if (!delete) {
          out = out.append(merged);
        }
      } else if (!delete) {
        out = out.append(clean(p));
      }
    }
    return new Node.Arr(out.appendAll(rest));
  }

  private static boolean isDirectiveOnly(Node n) {
    return n instanceof Node.Obj o && o.fields().keySet().forAll(k -> k.startsWith("$"));
  }

  private static int indexOf(Vector<Node> items, String key, Node id) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Node.Obj o && o.get(key).contains(id)) {
        return i;
      }
    }
    return -1;
  }

  private static @org.jspecify.annotations.Nullable String mergeKey(
      Node.Arr original, Node.Arr patch, String field) {
    if (field.equals("ports")) {
      boolean container = allHave(original, "containerPort") && allHave(patch, "containerPort");
      if (container) {
        return "containerPort";
      }
      return allHave(original, "port") && allHave(patch, "port") ? "port" : null;
    }
    String known = MERGE_KEYS.get(field);
    if (known != null) {
      return known;
    }
    return allHave(original, "name") && allHave(patch, "name") && !original.items().isEmpty()
        ? "name"
        : null;
  }

  private static boolean allHave(Node.Arr list, String key) {
    return list.items().forAll(n -> n instanceof Node.Obj o && o.get(key).isDefined());
  }

  /** The node without {@code $patch} and other directives, at every depth. */
  static Node clean(Node node) {
    if (node instanceof Node.Obj o) {
      Node.Obj out = o;
      for (var e : o.fields()) {
        if (e._1.startsWith("$")) {
          out = out.without(e._1);
        } else if (e._2 instanceof Node.Obj || e._2 instanceof Node.Arr) {
          out = out.with(e._1, clean(e._2));
        }
      }
      return out;
    }
    if (node instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(StrategicMerge::clean));
    }
    return node;
  }
}
