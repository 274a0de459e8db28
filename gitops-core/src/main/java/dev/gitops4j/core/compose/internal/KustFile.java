package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.load.internal.ParsedDocument;
import io.vavr.control.Option;
import java.util.List;
import java.util.Set;

/**
 * One parsed kustomization file: its fields, and the lines to name in problems. Unknown fields and
 * fields GitOps4J does not support are problems, never ignored.
 */
public final class KustFile {
  /** Fields built by GitOps4J. */
  public static final Set<String> SUPPORTED =
      Set.of(
          "apiVersion",
          "kind",
          "metadata",
          "resources",
          "bases",
          "components",
          "namePrefix",
          "nameSuffix",
          "namespace",
          "commonLabels",
          "labels",
          "commonAnnotations",
          "images",
          "replicas",
          "patches",
          "patchesStrategicMerge",
          "patchesJson6902",
          "configMapGenerator",
          "secretGenerator",
          "generatorOptions",
          "sortOptions");

  /** Fields of the kustomization format that GitOps4J refuses. */
  public static final Set<String> UNSUPPORTED =
      Set.of(
          "helmCharts",
          "helmChartInflationGenerator",
          "helmGlobals",
          "transformers",
          "generators",
          "validators",
          "replacements",
          "vars",
          "configurations",
          "crds",
          "openapi",
          "buildMetadata",
          "inventory",
          "imageTags");

  private static final java.util.Map<String, Set<String>> ITEM_KEYS =
      java.util.Map.of(
          "patches", Set.of("path", "patch", "target", "options"),
          "patchesJson6902", Set.of("path", "patch", "target"),
          "configMapGenerator",
              Set.of(
                  "name", "namespace", "behavior", "files", "literals", "envs", "env", "options"),
          "secretGenerator",
              Set.of(
                  "name",
                  "namespace",
                  "behavior",
                  "files",
                  "literals",
                  "envs",
                  "env",
                  "options",
                  "type"),
          "images", Set.of("name", "newName", "newTag", "digest"),
          "replicas", Set.of("name", "count"),
          "labels", Set.of("pairs", "includeSelectors", "includeTemplates"));

  private static final Set<String> TARGET_KEYS =
      Set.of(
          "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");

  private static final Set<String> OPTION_KEYS =
      Set.of("labels", "annotations", "disableNameSuffixHash", "immutable");

  private final String path;
  private final Node.Obj fields;
  private final ParsedDocument doc;
  private final String[] lines;

  private KustFile(String path, Node.Obj fields, ParsedDocument doc, String text) {
    this.path = path;
    this.fields = fields;
    this.doc = doc;
    this.lines = text.split("\n", -1);
  }

  /** Reads the kustomization at {@code path}; problems are added to {@code problems}. */
  public static Option<KustFile> read(Tree tree, String path, List<Problem> problems) {
    var parsed = tree.parse(path);
    parsed.problems().forEach(problems::add);
    if (!parsed.problems().isEmpty()) {
      return Option.none();
    }
    List<ParsedDocument> docs = tree.documents(path);
    if (docs.isEmpty()) {
      return Option.of(
          new KustFile(
              path,
              Node.Obj.EMPTY,
              new ParsedDocument(Node.Obj.EMPTY, 1, 1, java.util.Map.of()),
              ""));
    }
    ParsedDocument doc = docs.get(0);
    if (docs.size() > 1 || !(doc.node() instanceof Node.Obj obj)) {
      problems.add(
          Problem.at(
              path, doc.line(), 1, "kustomize-invalid", "a kustomization must be one mapping"));
      return Option.none();
    }
    KustFile k = new KustFile(path, obj, doc, tree.text(path));
    int before = problems.size();
    for (String key : obj.fields().keySet()) {
      int line = k.line(key);
      if (UNSUPPORTED.contains(key)) {
        problems.add(
            Problem.at(
                path,
                line,
                1,
                "kustomize-unsupported",
                "field '" + key + "' is not supported by GitOps4J (see README: kustomize subset)"));
      } else if (!SUPPORTED.contains(key)) {
        problems.add(
            Problem.at(
                path,
                line,
                1,
                "kustomize-unknown-field",
                "unknown kustomization field '" + key + "'"));
      }
    }
    for (var entry : ITEM_KEYS.entrySet()) {
      for (Node item : k.items(entry.getKey())) {
        if (item instanceof Node.Obj o) {
          k.checkKeys(o, entry.getValue(), entry.getKey(), problems);
          for (Node t : o.get("target")) {
            if (t instanceof Node.Obj to) {
              k.checkKeys(to, TARGET_KEYS, entry.getKey() + ".target", problems);
            }
          }
          for (Node t : o.get("options")) {
            if (t instanceof Node.Obj to && !entry.getKey().startsWith("patches")) {
              k.checkKeys(to, OPTION_KEYS, entry.getKey() + ".options", problems);
            }
          }
        }
      }
    }
    for (Node options : k.get("generatorOptions")) {
      if (options instanceof Node.Obj o) {
        k.checkKeys(o, OPTION_KEYS, "generatorOptions", problems);
      }
    }
    String kind = k.text("kind").getOrElse("Kustomization");
    if (!kind.equals("Kustomization") && !kind.equals("Component")) {
      problems.add(
          Problem.at(
              path,
              k.line("kind"),
              1,
              "kustomize-invalid",
              "kind must be Kustomization or Component, not '" + kind + "'"));
    }
    return problems.size() == before ? Option.of(k) : Option.none();
  }

  private void checkKeys(Node.Obj obj, Set<String> allowed, String where, List<Problem> problems) {
    for (String key : obj.fields().keySet()) {
      if (!allowed.contains(key)) {
        String field = where.contains(".") ? where.substring(0, where.indexOf('.')) : where;
        String message =
            (where.endsWith(".options") && key.equals("tagSuffix")) || key.equals("fields")
                ? "'" + where + "." + key + "' is not supported by GitOps4J"
                : "unknown field '"
                    + key
                    + "' in "
                    + where
                    + " (allowed: "
                    + new java.util.TreeSet<>(allowed)
                    + ")";
        problems.add(
            problem(
                field,
                key + ":",
                message.startsWith("unknown") ? "kustomize-unknown-field" : "kustomize-unsupported",
                message));
      }
    }
  }

  public String path() {
    return path;
  }

  /** The folder holding this file. */
  public String dir() {
    return Tree.parent(path);
  }

  public boolean isComponent() {
    return text("kind").contains("Component");
  }

  /** A field's value. */
  public Option<Node> get(String field) {
    return fields.get(field).filter(n -> !(n instanceof Node.Null));
  }

  /** A string field. */
  public Option<String> text(String field) {
    return get(field).flatMap(Node::asText);
  }

  /** The items of a list field. */
  public io.vavr.collection.Vector<Node> items(String field) {
    return Nodes.items(get(field));
  }

  /** The line of a top-level field. */
  public int line(String field) {
    return doc.lineOf("/" + field);
  }

  /** The line of a list item or value under {@code field} that mentions {@code value}. */
  public int lineOf(String field, String value) {
    int start = line(field);
    for (int i = start - 1; i < lines.length; i++) {
      if (i >= 0 && lines[i].contains(value)) {
        return i + 1;
      }
    }
    return start;
  }

  /** A problem at the line of {@code value} under {@code field}. */
  public Problem problem(String field, String value, String rule, String message) {
    return Problem.at(path, lineOf(field, value), 1, rule, message);
  }
}
