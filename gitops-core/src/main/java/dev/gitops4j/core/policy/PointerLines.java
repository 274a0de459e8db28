package dev.gitops4j.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The 1-based line of every key and list item of a YAML file, by JSON Pointer. */
final class PointerLines {
  private PointerLines() {}

  private static final class Frame {
    final String pointer;
    final boolean list;
    int index = -1;
    String key = "";

    Frame(String pointer, boolean list) {
      this.pointer = pointer;
      this.list = list;
    }

    String child() {
      return pointer + "/" + (list ? String.valueOf(index) : key);
    }
  }

  /** Lines by pointer ({@code /plan/ignore/1/pointer}); what cannot be read is left out. */
  static Map<String, Integer> of(byte[] yaml) {
    Map<String, Integer> out = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentTokenLocation().getLineNr();
        Frame top = stack.peek();
        if (t == JsonToken.FIELD_NAME && top != null) {
          top.key = p.currentName();
          out.putIfAbsent(top.child(), line);
        } else if (t.isStructStart()) {
          String pointer = "";
          if (top != null) {
            if (top.list) {
              top.index++;
              out.putIfAbsent(top.child(), line);
            }
            pointer = top.child();
          }
          stack.push(new Frame(pointer, t == JsonToken.START_ARRAY));
        } else if (t.isStructEnd()) {
          stack.poll();
        } else if (top != null && top.list) {
          top.index++;
          out.putIfAbsent(top.child(), line);
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** The line of {@code pointer}, or of its nearest ancestor found, or 1. */
  static int near(Map<String, Integer> lines, String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    return 1;
  }
}
