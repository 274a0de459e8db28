package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.load.internal.ParsedDocument;
import dev.gitops4j.core.plan.JsonPatch;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code patches}, {@code patchesStrategicMerge} and {@code patchesJson6902}: strategic merge and
 * RFC 6902 patches, inline or from files, applied to the resources their target selects. A patch
 * that selects nothing is a problem.
 */
final class Patches {
  private final Tree tree;
  private final List<Problem> problems;

  Patches(Tree tree, List<Problem> problems) {
    this.tree = tree;
    this.problems = problems;
  }

  /** One patch document and where it was written. */
  private record Patch(Node body, String file, int line) {}

  void strategicMerge(KustFile k, List<Res> all) {
    for (Node entry : k.items("patchesStrategicMerge")) {
      String s = entry.asText().getOrElse("");
      for (Patch p : load(k, "patchesStrategicMerge", s, Option.none())) {
        applySmp(all, p, Option.none());
      }
    }
  }

  void patches(KustFile k, List<Res> all) {
    for (Node entry : k.items("patches")) {
      if (!(entry instanceof Node.Obj e)) {
        problems.add(
            Problem.at(
                k.path(),
                k.line("patches"),
                1,
                "kustomize-invalid",
                "patches entries must be mappings"));
        continue;
      }
      Option<Node.Obj> target =
          Nodes.get(e, "target").filter(Node.Obj.class::isInstance).map(Node.Obj.class::cast);
      for (Patch p :
          load(k, "patches", Nodes.text(e, "path").getOrElse(""), Nodes.text(e, "patch"))) {
        if (p.body() instanceof Node.Arr) {
          if (target.isEmpty()) {
            problems.add(
                Problem.at(
                    p.file(),
                    p.line(),
                    1,
                    "kustomize-invalid",
                    "a JSON 6902 patch needs a target"));
          } else {
            applyJson(all, p, target.get());
          }
        } else {
          applySmp(all, p, target);
        }
      }
    }
  }

  void json6902(KustFile k, List<Res> all) {
    for (Node entry : k.items("patchesJson6902")) {
      Node.Obj e = entry instanceof Node.Obj o ? o : Node.Obj.EMPTY;
      Node.Obj target = Nodes.obj(e, "target");
      for (Patch p :
          load(k, "patchesJson6902", Nodes.text(e, "path").getOrElse(""), Nodes.text(e, "patch"))) {
        applyJson(all, p, target);
      }
    }
  }

  private List<Patch> load(KustFile k, String field, String pathOrInline, Option<String> inline) {
    List<Patch> out = new ArrayList<>();
    if (inline.isDefined()) {
      int line = k.line(field);
      var r = tree.parseInline(k.path(), line, inline.get());
      r.problems().forEach(problems::add);
      r.documents()
          .filter(d -> !(d.node() instanceof Node.Null))
          .forEach(d -> out.add(new Patch(d.node(), k.path(), line)));
      return out;
    }
    Option<String> path = Tree.resolve(k.dir(), pathOrInline);
    if (path.isEmpty()) {
      problems.add(
          k.problem(
              field,
              pathOrInline,
              "kustomize-escape",
              "'" + pathOrInline + "' leaves the repository"));
      return out;
    }
    if (tree.symlinkOn(path.get()).isDefined()) {
      problems.add(
          k.problem(
              field,
              pathOrInline,
              "symlink",
              "'" + pathOrInline + "' is a symbolic link; links are not followed"));
      return out;
    }
    if (!tree.isFile(path.get())) {
      if (field.equals("patchesStrategicMerge") && pathOrInline.contains("\n")) {
        return load(k, field, "", Option.of(pathOrInline));
      }
      problems.add(
          k.problem(
              field, pathOrInline, "kustomize-missing", "no patch file '" + path.get() + "'"));
      return out;
    }
    var parsed = tree.parse(path.get());
    parsed.problems().forEach(problems::add);
    for (ParsedDocument d : tree.documents(path.get())) {
      out.add(new Patch(d.node(), path.get(), d.line()));
    }
    return out;
  }

  private void applySmp(List<Res> all, Patch p, Option<Node.Obj> target) {
    if (!(p.body() instanceof Node.Obj patch)) {
      problems.add(
          Problem.at(
              p.file(),
              p.line(),
              1,
              "kustomize-invalid",
              "a strategic merge patch must be a mapping"));
      return;
    }
    List<Res> selected;
    if (target.isDefined()) {
      selected = select(all, target.get());
    } else {
      selected = new ArrayList<>();
      String apiVersion = Nodes.text(patch, "apiVersion").getOrElse("");
      String kind = Nodes.text(patch, "kind").getOrElse("");
      String name = Nodes.text(patch, "metadata", "name").getOrElse("");
      String ns = Nodes.text(patch, "metadata", "namespace").getOrElse("");
      for (Res r : all) {
        if (r.apiVersion().equals(apiVersion)
            && r.kind().equals(kind)
            && r.allIds().stream()
                .anyMatch(
                    id ->
                        id.name().equals(name)
                            && Res.normalNs(id.namespace()).equals(Res.normalNs(ns)))) {
          selected.add(r);
        }
      }
      if (selected.size() > 1) {
        problems.add(
            Problem.at(
                p.file(),
                p.line(),
                1,
                "patch-ambiguous",
                "patch for " + kind + "/" + name + " matches " + selected.size() + " resources"));
        return;
      }
    }
    if (selected.isEmpty()) {
      problems.add(
          Problem.at(
              p.file(),
              p.line(),
              1,
              "patch-no-target",
              "patch " + describe(patch, target) + " matches no resource"));
      return;
    }
    Node.Obj body = Nodes.remove(Nodes.remove(patch, "metadata", "name"), "metadata", "namespace");
    if (Nodes.obj(body, "metadata").fields().isEmpty()) {
      body = body.without("metadata");
    }
    for (Res r : selected) {
      if (StrategicMerge.deletes(patch)) {
        all.remove(r);
      } else {
        r.body(
            (Node.Obj) StrategicMerge.merge(r.body(), body.without("apiVersion").without("kind")));
      }
    }
  }

  private void applyJson(List<Res> all, Patch p, Node.Obj target) {
    Either<String, io.vavr.collection.Seq<dev.gitops4j.api.plan.PatchOperation>> ops =
        JsonPatch.parse(p.body());
    if (ops.isLeft()) {
      problems.add(
          Problem.at(p.file(), p.line(), 1, "kustomize-invalid", "JSON patch: " + ops.getLeft()));
      return;
    }
    List<Res> selected = select(all, target);
    if (selected.isEmpty()) {
      problems.add(
          Problem.at(
              p.file(),
              p.line(),
              1,
              "patch-no-target",
              "patch " + describe(Node.Obj.EMPTY, Option.of(target)) + " matches no resource"));
      return;
    }
    for (Res r : selected) {
      Either<String, Node> out = JsonPatch.apply(r.body(), ops.get());
      if (out.isLeft() || !(out.get() instanceof Node.Obj o)) {
        problems.add(
            Problem.at(
                p.file(),
                p.line(),
                1,
                "patch-failed",
                "JSON patch on "
                    + r
                    + ": "
                    + (out.isLeft() ? out.getLeft() : "result is not a mapping")));
      } else {
        r.body(o);
      }
    }
  }

  private static String describe(Node.Obj patch, Option<Node.Obj> target) {
    if (target.isDefined()) {
      // One line, as every problem is: {kind: Deployment, name: "(a|b)"}.
      return "target "
          + target
              .get()
              .fields()
              .map(
                  f -> f._1 + ": " + dev.gitops4j.core.load.Documents.toCanonicalJson(f._2).strip())
              .mkString("{", ", ", "}");
    }
    return Nodes.text(patch, "kind").getOrElse("?")
        + "/"
        + Nodes.text(patch, "metadata", "name").getOrElse("?");
  }

  /** The resources a kustomize target selector picks. */
  static List<Res> select(List<Res> all, Node.Obj t) {
    List<Res> out = new ArrayList<>();
    String group = Nodes.text(t, "group").getOrElse("");
    String version = Nodes.text(t, "version").getOrElse("");
    String kind = Nodes.text(t, "kind").getOrElse("");
    Option<Pattern> name = regex(Nodes.text(t, "name"));
    Option<Pattern> ns = regex(Nodes.text(t, "namespace"));
    String labels = Nodes.text(t, "labelSelector").getOrElse("");
    String annotations = Nodes.text(t, "annotationSelector").getOrElse("");
    for (Res r : all) {
      if ((!group.isEmpty() && !group.equals(r.group()))
          || (!version.isEmpty() && !version.equals(r.version()))
          || (!kind.isEmpty() && !kind.equals(r.kind()))) {
        continue;
      }
      List<Res.Id> ids = r.allIds();
      Res.Id org = ids.get(ids.size() - 1);
      Res.Id cur = ids.get(0);
      if (ns.isDefined()
          && !ns.get().matcher(effective(r, org)).matches()
          && !ns.get().matcher(effective(r, cur)).matches()) {
        continue;
      }
      if (name.isDefined()
          && !name.get().matcher(org.name()).matches()
          && !name.get().matcher(cur.name()).matches()) {
        continue;
      }
      if (!Selectors.matches(labels, Nodes.obj(r.body(), "metadata", "labels"))
          || !Selectors.matches(annotations, Nodes.obj(r.body(), "metadata", "annotations"))) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  private static String effective(Res r, Res.Id id) {
    return id.namespace().isEmpty() && !Transforms.CLUSTER_SCOPED.contains(r.kind())
        ? "default"
        : id.namespace();
  }

  private static Option<Pattern> regex(Option<String> s) {
    if (s.isEmpty() || s.get().isEmpty()) {
      return Option.none();
    }
    try {
      return Option.of(Pattern.compile("^(?:" + s.get() + ")$"));
    } catch (PatternSyntaxException e) {
      return Option.of(Pattern.compile(Pattern.quote(s.get())));
    }
  }
}
