package dev.gitops4j.api.model;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** RFC 6901 JSON Pointer parsing, escaping and lookup over {@link Node} trees. */
public final class JsonPointer {
  private JsonPointer() {}

  /**
   * Splits a pointer into unescaped reference tokens; none if it is not a valid pointer.
   *
   * @param pointer an RFC 6901 pointer such as {@code /a/b~1c}
   * @return the reference tokens, unescaped; none if {@code pointer} is not a valid pointer
   */
  public static Option<List<String>> parse(String pointer) {
    if (pointer.isEmpty()) {
      return Option.of(List.empty());
    }
    if (!pointer.startsWith("/")) {
      return Option.none();
    }
    List<String> tokens = List.empty();
    for (String raw : pointer.substring(1).split("/", -1)) {
      Option<String> token = unescape(raw);
      if (token.isEmpty()) {
        return Option.none();
      }
      tokens = tokens.prepend(token.get());
    }
    return Option.of(tokens.reverse());
  }

  /**
   * Joins tokens into a pointer, escaping {@code ~} and {@code /}.
   *
   * @param tokens unescaped reference tokens
   * @return the pointer, with {@code ~} and {@code /} escaped
   */
  public static String format(Iterable<String> tokens) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) {
      sb.append('/').append(escape(t));
    }
    return sb.toString();
  }

  /**
   * Escapes one reference token.
   *
   * @param token an unescaped reference token
   * @return the token with {@code ~} written {@code ~0} and {@code /} written {@code ~1}
   */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static Option<String> unescape(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        sb.append(c);
      } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
        sb.append(raw.charAt(++i) == '0' ? '~' : '/');
      } else {
        return Option.none();
      }
    }
    return Option.of(sb.toString());
  }

  /**
   * The node under {@code tokens}, if every step exists.
   *
   * @param root the node to start from
   * @param tokens unescaped reference tokens, as {@link #parse} returns them
   * @return the node under {@code tokens}, if every step exists
   */
  public static Option<Node> get(Node root, List<String> tokens) {
    Node current = root;
    for (String token : tokens) {
      if (current instanceof Node.Obj o) {
        Option<Node> next = o.get(token);
        if (next.isEmpty()) {
          return Option.none();
        }
        current = next.get();
      } else if (current instanceof Node.Arr a) {
        Option<Integer> index = arrayIndex(token);
        if (index.isEmpty() || index.get() >= a.items().size()) {
          return Option.none();
        }
        current = a.items().get(index.get());
      } else {
        return Option.none();
      }
    }
    return Option.of(current);
  }

  /**
   * A non-negative decimal array index without leading zeros, as RFC 6901 requires.
   *
   * @param token an unescaped reference token
   * @return a non-negative decimal array index without leading zeros, as RFC 6901 requires
   */
  public static Option<Integer> arrayIndex(String token) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
      return Option.none();
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return Option.none();
      }
    }
    return Option.of(Integer.parseInt(token));
  }
}
