package dev.gitops4j.core.load.internal;

import io.vavr.control.Option;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Helm templates ({@code {{ .Values.x }}}, {@code {{- include ... }}}), so that a
 * chart's templates are reported as templates instead of as parser errors.
 */
final class Templates {
  private static final Pattern HELM =
      Pattern.compile(
          "\\{\\{-?\\s*(?:[^}\\n]*\\.(?:Values|Release|Chart|Capabilities|Files)\\b|include\\s+\""
              + "|template\\s+\")");
  private static final Pattern ANY = Pattern.compile("\\{\\{[^\\n]*}}");

  private Templates() {}

  /**
   * The line of the first template action when the text is a template: any {@code {{ ... }}} when
   * it did not parse; a Helm action ({@code .Values}, {@code .Release}, {@code include "..."}) even
   * when it did. Other {@code {{ }}} in valid YAML (Prometheus and Alertmanager templates inside
   * rules and configs) are content.
   */
  static Option<Integer> lineOf(String text, boolean failed) {
    if (!text.contains("{{")) {
      return Option.none();
    }
    Matcher m = HELM.matcher(text);
    if (m.find()) {
      return Option.of(line(text, m.start()));
    }
    Matcher any = ANY.matcher(text);
    return failed && any.find() ? Option.of(line(text, any.start())) : Option.none();
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
