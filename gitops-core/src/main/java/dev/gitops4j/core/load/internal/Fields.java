package dev.gitops4j.core.load.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.ArrayList;

/**
 * The fields of a manifest that must have a shape beyond its id: {@code apiVersion}, {@code
 * metadata} and its {@code labels} and {@code annotations} (mappings of strings, as Kubernetes
 * requires; a {@value Resource#DEPENDS_ON} given as a list would otherwise be lost). Names are
 * checked by {@link Names}.
 */
public final class Fields {
  private Fields() {}

  /** Every problem with the shape of these fields. */
  public static Seq<Problem> check(String path, ParsedDocument doc, Node.Obj body) {
    java.util.List<Problem> problems = new ArrayList<>();
    Node apiVersion = body.get("apiVersion").getOrNull();
    if (apiVersion == null || apiVersion instanceof Node.Null) {
      problems.add(
          at(path, doc, "/apiVersion", "missing-field", "apiVersion is required (such as v1)"));
    } else if (apiVersion.asText().filter(v -> !v.isBlank()).isEmpty()) {
      problems.add(
          at(path, doc, "/apiVersion", "invalid-field", "apiVersion must be a non-empty string"));
    }
    Node metadata = body.get("metadata").getOrNull();
    if (metadata != null && !(metadata instanceof Node.Obj)) {
      problems.add(
          at(
              path,
              doc,
              "/metadata",
              "invalid-field",
              "metadata must be a mapping, not " + describe(metadata)));
    }
    if (metadata instanceof Node.Obj meta) {
      stringMap(path, doc, meta, "labels", problems);
      stringMap(path, doc, meta, "annotations", problems);
    }
    return List.ofAll(problems);
  }

  /**
   * Why a missing {@code metadata.name} is missing, with a hint when {@code generateName} is set.
   */
  public static String nameRequired(Node.Obj body) {
    return body.at("/metadata/generateName").isDefined()
        ? "metadata.name is required: a GitOps resource needs a stable name to be updated and"
            + " pruned, so generateName is not supported"
        : "metadata.name is required";
  }

  private static void stringMap(
      String path,
      ParsedDocument doc,
      Node.Obj meta,
      String field,
      java.util.List<Problem> problems) {
    Node value = meta.get(field).getOrNull();
    String pointer = "/metadata/" + field;
    if (value == null || value instanceof Node.Null) {
      return;
    }
    if (!(value instanceof Node.Obj map)) {
      problems.add(
          at(
              path,
              doc,
              pointer,
              "invalid-field",
              "metadata." + field + " must be a mapping of strings, not " + describe(value)));
      return;
    }
    for (var e : map.fields()) {
      if (e._2 instanceof Node.Str) {
        continue;
      }
      String hint =
          e._1.equals(Resource.DEPENDS_ON) && e._2 instanceof Node.Arr
              ? "; write the ids in one string, separated by commas"
              : "; quote it";
      problems.add(
          at(
              path,
              doc,
              pointer,
              "invalid-field",
              "metadata."
                  + field
                  + " '"
                  + Names.printable(e._1)
                  + "' must be a string, not "
                  + describe(e._2)
                  + hint));
    }
  }

  private static Problem at(
      String path, ParsedDocument doc, String pointer, String rule, String message) {
    return Problem.at(path, doc.lineOf(pointer), 1, rule, message);
  }

  /** What a node is, for messages. */
  public static String describe(Node node) {
    if (node instanceof Node.Obj) {
      return "a mapping";
    }
    if (node instanceof Node.Arr) {
      return "a sequence";
    }
    if (node instanceof Node.Str || node instanceof Node.SecretText) {
      return "a string";
    }
    if (node instanceof Node.Null) {
      return "null";
    }
    return node instanceof Node.Bool ? "a boolean" : "a number";
  }
}
