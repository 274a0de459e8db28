package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.Resource;
import io.vavr.collection.List;
import java.util.regex.Pattern;

/** Which resources a rule looks at: by kind and by the repository path that declared them. */
record Scope(List<String> kinds, List<Pattern> paths) {
  static final Scope ALL = new Scope(List.empty(), List.empty());

  Scope kinds(String... values) {
    return new Scope(List.of(values), paths);
  }

  Scope paths(String... globs) {
    return new Scope(kinds, List.of(globs).map(Scope::glob));
  }

  boolean includes(Resource r) {
    if (!kinds.isEmpty() && !kinds.contains(r.id().kind())) {
      return false;
    }
    if (paths.isEmpty()) {
      return true;
    }
    String file = r.provenance().map(p -> p.file()).getOrElse("");
    return paths.exists(p -> p.matcher(file).matches());
  }

  /**
   * A path glob: {@code **} any depth, {@code *} within a segment; a path without {@code *} is that
   * file or everything below that folder.
   */
  static Pattern glob(String glob) {
    String g = glob.endsWith("/") ? glob + "**" : glob;
    if (!g.contains("*")) {
      return Pattern.compile(Pattern.quote(g) + "(?:/.*)?");
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  @Override
  public String toString() {
    return (kinds.isEmpty() ? "" : " kinds " + kinds.mkString(","))
        + (paths.isEmpty() ? "" : " paths " + paths.mkString(","));
  }
}
