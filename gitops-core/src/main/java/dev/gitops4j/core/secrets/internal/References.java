package dev.gitops4j.core.secrets.internal;

import dev.gitops4j.api.secrets.SecretRef;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code ${secret:SCHEME:KEY}} references in a string: alone or inside longer text ({@code
 * postgres://app:${secret:env:DB_PASSWORD}@db}), with <code>$${</code> for a literal <code>${
 * </code>. Text that starts a reference but is not one (<code>${secret:env:}</code>, <code>
 * ${secret:FOO}</code>, <code>${ secret:env:X }</code>, a missing brace) is malformed, never
 * written literally. Other {@code ${...}} (shell or Flux variables) are left alone.
 */
public final class References {
  private static final Pattern WELL_FORMED =
      Pattern.compile("secret:([A-Za-z][A-Za-z0-9+.-]*):([^\\s{}]+)");
  private static final Pattern ATTEMPT = Pattern.compile("\\s*secret\\b.*", Pattern.DOTALL);

  private References() {}

  /** A piece of the scanned string. */
  public sealed interface Part {}

  /** Text taken as it is. */
  public record Literal(String text) implements Part {}

  /** A well-formed reference; {@code source} is how it was written. */
  public record Ref(SecretRef ref, String source) implements Part {}

  /** Text that starts a reference but is not one, and why. */
  public record Malformed(String source, String why) implements Part {}

  /** Whether the string may hold a reference; a cheap test before {@link #scan}. */
  public static boolean mayHold(String s) {
    return s.contains("${");
  }

  /** The string cut into literal text, references and malformed references. */
  public static Seq<Part> scan(String s) {
    java.util.List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("${", i);
      if (open < 0) {
        literal.append(s, i, s.length());
        break;
      }
      if (open > 0 && s.charAt(open - 1) == '$') {
        literal.append(s, i, open - 1).append("${");
        i = open + 2;
        continue;
      }
      int close = s.indexOf('}', open + 2);
      String inside = s.substring(open + 2, close < 0 ? s.length() : close);
      if (!ATTEMPT.matcher(inside).matches()) {
        literal.append(s, i, open + 2);
        i = open + 2;
        continue;
      }
      literal.append(s, i, open);
      if (literal.length() > 0) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      String source = close < 0 ? s.substring(open) : s.substring(open, close + 1);
      parts.add(part(inside, source, close >= 0));
      i = close < 0 ? s.length() : close + 1;
    }
    if (literal.length() > 0 || parts.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return List.ofAll(parts);
  }

  private static Part part(String inside, String source, boolean closed) {
    if (!closed) {
      return new Malformed(source, "has no closing '}'");
    }
    Matcher m = WELL_FORMED.matcher(inside);
    if (m.matches()) {
      return new Ref(new SecretRef(m.group(1), m.group(2)), source);
    }
    if (!inside.equals(inside.strip()) || inside.chars().anyMatch(Character::isWhitespace)) {
      return new Malformed(source, "must not contain spaces");
    }
    String[] pieces = inside.split(":", -1);
    if (pieces.length < 3) {
      return new Malformed(source, "needs a scheme and a key: ${secret:SCHEME:KEY}");
    }
    if (pieces[2].isEmpty()) {
      return new Malformed(source, "has an empty key");
    }
    return new Malformed(
        source,
        "is not ${secret:SCHEME:KEY} (scheme: a letter, then letters,"
            + " digits, '+', '.' or '-')");
  }
}
