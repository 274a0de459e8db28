package dev.gitops4j.core.load.internal;

import dev.gitops4j.api.model.Node;
import java.util.Map;

/**
 * One document read from a file: its tree, where it starts, and the line of each key under the top
 * level and {@code metadata} (JSON Pointer to 1-based line), so problems can point at the offending
 * field.
 */
public record ParsedDocument(Node node, int line, int column, Map<String, Integer> keyLines) {
  /** The line of the key at {@code pointer}, or the document's first line. */
  public int lineOf(String pointer) {
    return keyLines.getOrDefault(pointer, line);
  }
}
