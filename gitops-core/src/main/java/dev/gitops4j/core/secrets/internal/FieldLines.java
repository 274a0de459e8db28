package dev.gitops4j.core.secrets.internal;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.secrets.SecretContext;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Finds the line of a field by its text in the resource's file, from the line the resource starts
 * at, so that a problem with a reference points at the field rather than at the document. The file
 * is read only when a problem is reported.
 */
public final class FieldLines {
  private final Resource resource;
  private final SecretContext context;
  private @Nullable String text;

  public FieldLines(Resource resource, SecretContext context) {
    this.resource = resource;
    this.context = context;
  }

  /** A problem of the resource at the first line, from its start, that holds {@code source}. */
  public Problem problem(String source, String rule, String message) {
    Problem p = Problem.of(resource, rule, message);
    int line = lineOf(source, p.line());
    return line == p.line() ? p : p.withLine(line);
  }

  private int lineOf(String source, int from) {
    if (from < 1 || resource.provenance().isEmpty()) {
      return from;
    }
    if (text == null) {
      text =
          context
              .file(resource.provenance().get().file())
              .map(b -> new String(b, StandardCharsets.UTF_8))
              .getOrElse("");
    }
    String t = text;
    int offset = 0;
    for (int line = 1; line < from && offset >= 0; line++) {
      offset = t.indexOf('\n', offset);
      offset = offset < 0 ? -1 : offset + 1;
    }
    int at = offset < 0 ? -1 : t.indexOf(source, offset);
    if (at < 0) {
      return from;
    }
    int line = from;
    for (int i = offset; i < at; i++) {
      if (t.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
