package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.util.Set;

/**
 * Kubernetes label selectors in their string form: {@code a=b,c!=d,e,!f,g in (x,y),h notin (z)}.
 */
final class Selectors {
  private Selectors() {}

  static boolean matches(String selector, Node.Obj labels) {
    if (selector.isBlank()) {
      return true;
    }
    for (String term : split(selector)) {
      String t = term.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (!matchesTerm(t, labels)) {
        return false;
      }
    }
    return true;
  }

  private static java.util.List<String> split(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static boolean matchesTerm(String t, Node.Obj labels) {
    java.util.regex.Matcher set =
        java.util.regex.Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(t);
    if (set.matches()) {
      Option<String> v = labels.get(set.group(1)).flatMap(Nodes::scalar);
      Set<String> values = new java.util.HashSet<>();
      for (String x : set.group(3).split(",", -1)) {
        values.add(x.trim());
      }
      boolean in = v.isDefined() && values.contains(v.get());
      return set.group(2).equals("in") ? in : !in;
    }
    int ne = t.indexOf("!=");
    if (ne > 0) {
      Option<String> v = labels.get(t.substring(0, ne).trim()).flatMap(Nodes::scalar);
      return !v.contains(t.substring(ne + 2).trim());
    }
    int eq = t.indexOf('=');
    if (eq > 0) {
      String key = t.substring(0, eq).trim();
      String value = t.substring(t.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
      return labels.get(key).flatMap(Nodes::scalar).contains(value);
    }
    if (t.startsWith("!")) {
      return labels.get(t.substring(1).trim()).isEmpty();
    }
    return labels.get(t).isDefined();
  }
}
