package dev.gitops4j.core.load.internal;

/**
 * Turns tabs in the white space that ends a line into spaces, outside block scalars. YAML 1.2 (and
 * Go's parser, which Kubernetes tools use) allows a tab after a value; SnakeYAML does not when the
 * value is quoted or a flow collection. The change is invisible to the documents: trailing white
 * space outside block scalars is never content, and lines and columns stay where they were.
 */
final class TrailingTabs {
  private TrailingTabs() {}

  /** The text with trailing tabs outside block scalars turned into spaces. */
  static String strip(String text) {
    if (text.indexOf('\t') < 0) {
      return text;
    }
    char[] out = text.toCharArray();
    int blockIndent = -1;
    int start = 0;
    while (start < out.length) {
      int end = start;
      while (end < out.length && out[end] != '\n' && out[end] != '\r') {
        end++;
      }
      int indent = indentOf(out, start, end);
      boolean blank = indent == end - start;
      if (blockIndent >= 0 && (blank || indent > blockIndent)) {
        start = next(out, end);
        continue;
      }
      blockIndent = -1;
      int last = end;
      while (last > start && (out[last - 1] == ' ' || out[last - 1] == '\t')) {
        last--;
      }
      if (last == start || out[last - 1] != '\\') {
        for (int i = last; i < end; i++) {
          out[i] = ' ';
        }
      }
      if (opensBlockScalar(out, start, last)) {
        blockIndent = indent;
      }
      start = next(out, end);
    }
    return new String(out);
  }

  private static int indentOf(char[] s, int start, int end) {
    int i = start;
    while (i < end && (s[i] == ' ' || s[i] == '\t')) {
      i++;
    }
    return i - start;
  }

  private static int next(char[] s, int end) {
    if (end < s.length && s[end] == '\r' && end + 1 < s.length && s[end + 1] == '\n') {
      return end + 2;
    }
    return end + 1;
  }

  /**
   * Whether the line ends with a block scalar header ({@code |}, {@code >-}, {@code |2+}, ...),
   * possibly followed by a comment. Guessing wrong only leaves more lines untouched.
   */
  static boolean opensBlockScalar(char[] s, int start, int end) {
    String line = new String(s, start, end - start);
    int hash = line.indexOf(" #");
    if (hash >= 0) {
      line = line.substring(0, hash);
    }
    line = line.stripTrailing();
    int i = line.length();
    while (i > 0 && "+-0123456789".indexOf(line.charAt(i - 1)) >= 0) {
      i--;
    }
    if (i == 0 || (line.charAt(i - 1) != '|' && line.charAt(i - 1) != '>')) {
      return false;
    }
    return i == 1 || line.charAt(i - 2) == ' ' || line.charAt(i - 2) == '\t';
  }
}
