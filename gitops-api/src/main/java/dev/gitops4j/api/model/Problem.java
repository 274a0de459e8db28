package dev.gitops4j.api.model;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One thing wrong with the input: where it is (file, 1-based line and column, resource), which rule
 * it breaks, and a message a person can act on.
 *
 * <p>Problems are values: loading and validation collect every one of them and return them
 * together. {@link #toString()} is the one-line form the CLI prints: {@code file:line: rule:
 * message}.
 *
 * @param file the file, relative to the repository root; empty when the problem has no file
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param resource the resource concerned, or none when the problem is not tied to one
 * @param rule the name of the broken rule, such as {@code duplicate-id}
 * @param message what is wrong and how to fix it; never holds secret values
 */
public record Problem(
    String file, int line, int column, Option<ResourceId> resource, String rule, String message) {

  /**
   * Checks that no component is null.
   *
   * @param file the file, relative to the repository root; empty when the problem has no file
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param resource the resource concerned, or none when the problem is not tied to one
   * @param rule the name of the broken rule, such as {@code duplicate-id}
   * @param message what is wrong and how to fix it; never holds secret values
   */
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A problem in a file at a line, not tied to one resource.
   *
   * @param file the file, relative to the repository root
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param rule the name of the broken rule
   * @param message what is wrong
   * @return the problem
   */
  public static Problem at(String file, int line, int column, String rule, String message) {
    return new Problem(file, line, column, Option.none(), rule, message);
  }

  /**
   * A problem of a resource, at the place it was declared.
   *
   * @param resource the resource; without provenance the problem has no file and line 0
   * @param rule the name of the broken rule
   * @param message what is wrong
   * @return the problem
   */
  public static Problem of(Resource resource, String rule, String message) {
    return resource
        .provenance()
        .map(
            p ->
                new Problem(
                    p.file(), p.line(), p.column(), Option.of(resource.id()), rule, message))
        .getOrElse(() -> new Problem("", 0, 0, Option.of(resource.id()), rule, message));
  }

  /**
   * A problem with no file, such as a missing Git ref; {@code where} names what was asked.
   *
   * @param where what was asked, printed where a file name would be (a ref, a URL)
   * @param rule the name of the broken rule
   * @param message what is wrong
   * @return the problem, at line 0
   */
  public static Problem general(String where, String rule, String message) {
    return new Problem(where, 0, 0, Option.none(), rule, message);
  }

  /**
   * The same problem at another line of its file.
   *
   * @param newLine the 1-based line
   * @return a copy at {@code newLine}
   */
  public Problem withLine(int newLine) {
    return new Problem(file, newLine, column, resource, rule, message);
  }

  /**
   * The one-line form {@code file:line: rule: message (resource)}. Whatever could break the line or
   * disguise it (line breaks, control, invisible and bidirectional characters, in a file name or a
   * message) is escaped as {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX}, so a
   * crafted file name cannot forge a problem line.
   */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line : file;
    String what = resource.map(id -> " (" + id + ")").getOrElse("");
    return escape((where.isEmpty() ? "" : where + ": ") + rule + ": " + message + what);
  }

  /**
   * The text on one line, with line breaks, control and format characters escaped.
   *
   * @param text any text
   * @return {@code text} itself when nothing needed escaping, else the escaped copy
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      boolean unsafe =
          type == Character.CONTROL
              || type == Character.FORMAT
              || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR;
      if (!unsafe) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }
}
