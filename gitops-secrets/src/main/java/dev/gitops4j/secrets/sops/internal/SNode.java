package dev.gitops4j.secrets.sops.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The document tree every SOPS store reads into and writes from: ordered mappings, lists, scalars
 * and comments (comments are items, so they keep their place).
 */
public sealed interface SNode {

  /** An ordered mapping; an entry with a null key is a comment. */
  record SMap(List<Entry> entries) implements SNode {
    public SMap() {
      this(new ArrayList<>());
    }

    public @Nullable SNode get(String key) {
      for (Entry e : entries) {
        if (key.equals(e.key())) {
          return e.value();
        }
      }
      return null;
    }

    public void put(String key, SNode value) {
      for (int i = 0; i < entries.size(); i++) {
        if (key.equals(entries.get(i).key())) {
          entries.set(i, new Entry(key, value));
          return;
        }
      }
      entries.add(new Entry(key, value));
    }

    public void remove(String key) {
      entries.removeIf(e -> key.equals(e.key()));
    }
  }

  /** A mapping entry; {@code key} is null for a comment. */
  record Entry(@Nullable String key, SNode value) {}

  /** An ordered list; items may be comments. */
  record SList(List<SNode> items) implements SNode {
    public SList() {
      this(new ArrayList<>());
    }
  }

  /**
   * A scalar: String, Long or java.math.BigInteger, Double, Boolean, or null; {@code secret} marks
   * a value that was encrypted in the file.
   */
  record SScalar(@Nullable Object value, boolean secret) implements SNode {
    public SScalar(@Nullable Object value) {
      this(value, false);
    }

    @Override
    public String toString() {
      return secret ? "SScalar[<redacted>]" : "SScalar[" + value + "]";
    }
  }

  /** A comment line, without its marker. */
  record SComment(String text) implements SNode {}
}
