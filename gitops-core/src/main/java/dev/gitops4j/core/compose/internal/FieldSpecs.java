package dev.gitops4j.core.compose.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields kustomize's built-in transformers touch (labels, annotations, namespace, images, name
 * references), read from kustomize's own configuration, and a walker that changes them.
 */
public final class FieldSpecs {
  /** Where a transformer writes: a path under resources of a group, version and kind. */
  public record Spec(String group, String version, String kind, List<String> path, boolean create) {
    /** Whether this spec applies to the resource. */
    public boolean matches(Res r) {
      return (group.isEmpty() || group.equals(r.group()))
          && (version.isEmpty() || version.equals(r.version()))
          && (kind.isEmpty() || kind.equals(r.kind()));
    }
  }

  /** A referral kind and the fields of other kinds that name it. */
  public record Reference(String group, String kind, List<Spec> referrers) {}

  public static final List<Spec> COMMON_LABELS;
  public static final List<Spec> TEMPLATE_LABELS;
  public static final List<Spec> COMMON_ANNOTATIONS;
  public static final List<Spec> NAMESPACE;
  public static final List<Spec> IMAGES;
  public static final List<Reference> NAME_REFERENCES;

  static {
    Map<String, Object> config = read();
    COMMON_LABELS = specs(config.get("commonLabels"));
    TEMPLATE_LABELS = specs(config.get("templateLabels"));
    COMMON_ANNOTATIONS = specs(config.get("commonAnnotations"));
    NAMESPACE = specs(config.get("namespace"));
    IMAGES = specs(config.get("images"));
    List<Reference> refs = new ArrayList<>();
    for (Object o : list(config.get("nameReference"))) {
      Map<?, ?> m = (Map<?, ?>) o;
      refs.add(new Reference(str(m.get("group")), str(m.get("kind")), specs(m.get("fieldSpecs"))));
    }
    NAME_REFERENCES = List.copyOf(refs);
  }

  private FieldSpecs() {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read() {
    try (InputStream in = FieldSpecs.class.getResourceAsStream("fieldspecs.yaml")) {
      if (in == null) {
        throw new IllegalStateException("fieldspecs.yaml is missing from the jar");
      }
      return new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<?> list(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static String str(@org.jspecify.annotations.Nullable Object o) {
    return o == null ? "" : o.toString();
  }

  private static List<Spec> specs(@org.jspecify.annotations.Nullable Object o) {
    List<Spec> out = new ArrayList<>();
    for (Object item : list(o)) {
      Map<?, ?> m = (Map<?, ?>) item;
      out.add(
          new Spec(
              str(m.get("group")),
              str(m.get("version")),
              str(m.get("kind")),
              splitPath(str(m.get("path"))),
              Boolean.TRUE.equals(m.get("create"))));
    }
    return List.copyOf(out);
  }

  /** Splits {@code a/b\/c/d} into {@code [a, b/c, d]}. */
  public static List<String> splitPath(String path) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
        cur.append('/');
        i++;
      } else if (c == '/') {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return List.copyOf(parts);
  }

  /**
   * Applies {@code fn} to the field at the spec's path in the resource (sequences on the way are
   * walked item by item). {@code fn} gets the current value (none if absent) and returns the new
   * one (none leaves the field as it is).
   */
  public static void apply(Res r, Spec spec, Function<Option<Node>, Option<Node>> fn) {
    if (!spec.matches(r)) {
      return;
    }
    Node out = walk(r.body(), spec.path(), 0, spec.create(), fn);
    if (out instanceof Node.Obj o && !o.equals(r.body())) {
      r.body(o);
    }
  }

  /** Applies {@code fn} at a path of a bare tree. */
  public static Node walk(
      Node node,
      List<String> path,
      int i,
      boolean create,
      Function<Option<Node>, Option<Node>> fn) {
    if (node instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(item -> walk(item, path, i, create, fn)));
    }
    if (!(node instanceof Node.Obj obj)) {
      return node;
    }
    String seg = path.get(i);
    boolean isList = seg.endsWith("[]");
    String key = isList ? seg.substring(0, seg.length() - 2) : seg;
    Option<Node> child = obj.get(key);
    if (i == path.size() - 1) {
      if (child.isEmpty() && !create) {
        return obj;
      }
      Option<Node> result = fn.apply(child.filter(n -> !(n instanceof Node.Null)));
      return result.isDefined() ? obj.with(key, result.get()) : obj;
    }
    if (child.isEmpty() || child.get() instanceof Node.Null) {
      if (!create || isList) {
        return obj;
      }
      Node created = walk(Node.Obj.EMPTY, path, i + 1, create, fn);
      return created.equals(Node.Obj.EMPTY) ? obj : obj.with(key, created);
    }
    Node next = walk(child.get(), path, i + 1, create, fn);
    return next == child.get() ? obj : obj.with(key, next);
  }
}
