package dev.gitops4j.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The syncs of {@code gitops4j fleet --config F}, read strictly: an unknown field, a missing one, a
 * duplicate sync name or a malformed duration is a problem with file and line, and nothing runs.
 *
 * <pre>{@code
 * defaults:
 *   interval: 1m
 * syncs:
 *   - name: tenant-a
 *     repo: ./infra            # relative paths are relative to this file
 *     ref: main
 *     path: tenants/a
 *     target: dir:/srv/tenant-a
 *     interval: 30s
 * }</pre>
 */
record FleetConfig(Seq<Sync> syncs) {
  private static final Set<String> TOP = Set.of("defaults", "syncs");
  private static final Set<String> DEFAULTS = Set.of("interval", "ref");
  private static final Set<String> SYNC =
      Set.of("name", "repo", "ref", "path", "target", "state", "interval");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  /** One sync: where its desired state lives, where it goes, how often. */
  record Sync(
      String name,
      String repo,
      Option<String> ref,
      Option<String> path,
      Path target,
      Option<Path> state,
      Duration interval) {}

  /** A value read from the file with the line it starts on. */
  private record Lined(Object value, int line) {}

  static Validation<Seq<String>, FleetConfig> read(Path file) {
    String name = file.toString();
    Lined root;
    try {
      byte[] bytes = Files.readAllBytes(file);
      try (JsonParser p = new YAMLFactory().createParser(bytes)) {
        JsonToken first = p.nextToken();
        if (first == null) {
          return Validation.invalid(
              List.of(name + ":1: missing-field: the file is empty; it needs 'syncs'"));
        }
        root = value(p);
      }
    } catch (NoSuchFileException e) {
      return Validation.invalid(List.of(name + ":0: file-not-found: no such file"));
    } catch (IOException e) {
      String message =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      return Validation.invalid(List.of(name + ":0: yaml-syntax: " + message));
    }
    Path absolute = file.toAbsolutePath();
    Path base = absolute.getParent() != null ? absolute.getParent() : absolute;
    java.util.List<String> problems = new java.util.ArrayList<>();
    Map<String, Lined> top = mapping(root, name, "the file", problems);
    problems.addAll(unknown(top, TOP, name, "fleet file").asJava());
    Map<String, Lined> defaults =
        top.containsKey("defaults")
            ? mapping(top.get("defaults"), name, "defaults", problems)
            : Map.of();
    problems.addAll(unknown(defaults, DEFAULTS, name, "defaults").asJava());
    Duration defaultInterval = Duration.ofMinutes(5);
    if (defaults.containsKey("interval")) {
      Either d = duration(defaults.get("interval"), name);
      problems.addAll(d.problems.asJava());
      defaultInterval = d.value != null ? d.value : defaultInterval;
    }
    Option<String> defaultRef = text(defaults.get("ref"));
    if (!top.containsKey("syncs")) {
      problems.add(name + ":" + root.line + ": missing-field: 'syncs' is required");
      return Validation.invalid(List.ofAll(problems));
    }
    Lined syncs = top.get("syncs");
    if (!(syncs.value instanceof java.util.List<?> items)) {
      problems.add(name + ":" + syncs.line + ": not-a-list: 'syncs' must be a list");
      return Validation.invalid(List.ofAll(problems));
    }
    Vector<Sync> out = Vector.empty();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Object o : items) {
      Lined item = (Lined) o;
      java.util.List<String> here = new java.util.ArrayList<>();
      Map<String, Lined> s = mapping(item, name, "a sync", here);
      here.addAll(unknown(s, SYNC, name, "sync").asJava());
      for (String required : List.of("name", "repo", "target")) {
        if (!s.containsKey(required) && !s.isEmpty()) {
          here.add(name + ":" + item.line + ": missing-field: a sync needs '" + required + "'");
        }
      }
      Option<String> syncName = text(s.get("name"));
      int nameLine = lineOf(s, "name", item);
      if (syncName.isDefined() && seen.containsKey(syncName.get())) {
        here.add(
            name
                + ":"
                + nameLine
                + ": duplicate-sync: '"
                + syncName.get()
                + "' is already defined on line "
                + seen.get(syncName.get()));
      }
      syncName.forEach(n -> seen.putIfAbsent(n, nameLine));
      Duration interval = defaultInterval;
      if (s.containsKey("interval")) {
        Either d = duration(s.get("interval"), name);
        here.addAll(d.problems.asJava());
        interval = d.value != null ? d.value : interval;
      }
      Option<Path> target = Option.none();
      Option<String> targetText = text(s.get("target"));
      if (targetText.isDefined()) {
        String t = targetText.get();
        if (!t.startsWith("dir:") || t.length() == 4) {
          here.add(
              name
                  + ":"
                  + lineOf(s, "target", item)
                  + ": invalid-target: '"
                  + t
                  + "' must be dir:DIR (the only built-in target)");
        } else {
          target = Option.of(base.resolve(t.substring(4)).normalize());
        }
      }
      problems.addAll(here);
      if (here.isEmpty() && syncName.isDefined() && target.isDefined()) {
        String repo = text(s.get("repo")).get();
        boolean url = repo.matches("^[a-z][a-z0-9+.-]*://.*") || repo.matches("^[^/]+@[^/]+:.*");
        out =
            out.append(
                new Sync(
                    syncName.get(),
                    url ? repo : base.resolve(repo).normalize().toString(),
                    text(s.get("ref")).orElse(defaultRef),
                    text(s.get("path")),
                    target.get(),
                    text(s.get("state")).map(p -> base.resolve(p).normalize()),
                    interval));
      }
    }
    if (problems.isEmpty() && out.isEmpty()) {
      problems.add(name + ":" + syncs.line + ": missing-field: 'syncs' is empty");
    }
    return problems.isEmpty()
        ? Validation.valid(new FleetConfig(out))
        : Validation.invalid(List.ofAll(problems));
  }

  private static final class Either {
    final Seq<String> problems;
    final @Nullable Duration value;

    Either(Seq<String> problems, @Nullable Duration value) {
      this.problems = problems;
      this.value = value;
    }
  }

  /** Parses {@code 90s}, {@code 1m}, {@code 1h30m}, {@code 500ms}. */
  static Option<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      at = m.end();
    }
    return at == text.length() && at > 0 && !total.isZero() ? Option.of(total) : Option.none();
  }

  private static Either duration(Lined v, String file) {
    Option<Duration> d = text(v).flatMap(FleetConfig::parseDuration);
    return d.isDefined()
        ? new Either(List.empty(), d.get())
        : new Either(
            List.of(
                file
                    + ":"
                    + v.line
                    + ": invalid-duration: '"
                    + v.value
                    + "' is not a positive duration such as 30s, 5m or 1h30m"),
            null);
  }

  private static int lineOf(Map<String, Lined> m, String key, Lined parent) {
    Lined v = m.get(key);
    return v != null ? v.line() : parent.line();
  }

  private static Option<String> text(@Nullable Lined v) {
    return v != null && v.value instanceof String s ? Option.of(s) : Option.none();
  }

  private static Map<String, Lined> mapping(
      Lined v, String file, String what, java.util.List<String> problems) {
    if (v.value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Lined> typed = (Map<String, Lined>) m;
      return typed;
    }
    problems.add(file + ":" + v.line + ": not-a-mapping: " + what + " must be a mapping");
    return Map.of();
  }

  private static Seq<String> unknown(
      Map<String, Lined> m, Set<String> known, String file, String what) {
    return Vector.ofAll(m.entrySet())
        .filter(e -> !known.contains(e.getKey()))
        .map(
            e ->
                file
                    + ":"
                    + e.getValue().line
                    + ": unknown-field: '"
                    + e.getKey()
                    + "' is not a "
                    + what
                    + " field ("
                    + String.join(", ", new java.util.TreeSet<>(known))
                    + ")");
  }

  private static Lined value(JsonParser p) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Lined> m = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        p.nextToken();
        Lined v = value(p);
        m.put(key, new Lined(v.value, keyLine));
      }
      return new Lined(m, line);
    }
    if (t == JsonToken.START_ARRAY) {
      java.util.List<Lined> l = new java.util.ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        l.add(value(p));
      }
      return new Lined(l, line);
    }
    return new Lined(t == JsonToken.VALUE_NULL ? "" : p.getText(), line);
  }
}
