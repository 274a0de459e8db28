package dev.gitops4j.core.load.internal;

import io.vavr.control.Option;

/**
 * The rules every kind, namespace and name must follow. Names become file names and URL parts in
 * targets, so anything that could escape a directory or confuse a path is refused here.
 */
public final class Names {
  /** The longest name allowed, as in Kubernetes. */
  public static final int MAX_LENGTH = 253;

  private Names() {}

  /** Why {@code value} is not a valid name, or none when it is. */
  public static Option<String> check(String what, String value) {
    if (value.isEmpty()) {
      return Option.of(what + " must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      return Option.of(what + " is " + value.length() + " characters; the limit is " + MAX_LENGTH);
    }
    if (value.equals(".") || value.equals("..")) {
      return Option.of(what + " must not be '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '\\') {
        return Option.of(what + " '" + printable(value) + "' must not contain '" + c + "'");
      }
      if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.CONTROL) {
        return Option.of(
            what + " '" + printable(value) + "' must not contain control character U+" + hex(c));
      }
      if (invisible(c)) {
        return Option.of(
            what
                + " '"
                + printable(value)
                + "' must not contain invisible or bidirectional character U+"
                + hex(c));
      }
    }
    return Option.none();
  }

  /**
   * Format characters (bidirectional controls, zero-width spaces and joiners, the byte order mark)
   * and line or paragraph separators: they make two names look alike or reorder a message.
   */
  private static boolean invisible(char c) {
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }

  /** The value with control, invisible and bidirectional characters shown as escapes. */
  public static String printable(String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.CONTROL || invisible(c)) {
        sb.append("\\u").append(hex(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
