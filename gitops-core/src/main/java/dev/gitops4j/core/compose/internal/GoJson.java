package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import java.util.TreeMap;

/** JSON exactly as Go's {@code encoding/json} writes it: sorted keys, HTML-safe escapes. */
final class GoJson {
  private GoJson() {}

  static void write(StringBuilder out, Node node) {
    if (node instanceof Node.Obj o) {
      TreeMap<String, Node> sorted = new TreeMap<>();
      o.fields().forEach(t -> sorted.put(t._1, t._2));
      out.append('{');
      boolean first = true;
      for (var e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, e.getKey());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (node instanceof Node.Arr a) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, a.items().get(i));
      }
      out.append(']');
    } else if (node instanceof Node.Str s) {
      string(out, s.value());
    } else if (node instanceof Node.Null) {
      out.append("null");
    } else {
      out.append(Nodes.scalar(node).getOrElse("null"));
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
