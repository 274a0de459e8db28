package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.load.internal.ParsedDocument;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one kustomization folder as {@code kustomize build} does: resources, generators,
 * components, then the built-in transformers in kustomize's order; at the top, content hashes, name
 * references and the output order.
 */
public final class Build {
  private final Tree tree;
  private final List<Problem> problems = new ArrayList<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final Map<String, List<Res>> built = new HashMap<>();
  private final Patches patches;
  private final Generators generators;
  private int instances;

  /** A build over the files of {@code tree}. */
  public Build(Tree tree) {
    this.tree = tree;
    this.patches = new Patches(tree, problems);
    this.generators = new Generators(tree, problems);
  }

  /** The problems found so far. */
  public List<Problem> problems() {
    return problems;
  }

  /** The rendered resources of folder {@code dir}, in output order. */
  public List<Res> render(String dir) {
    List<Res> out =
        kustomization(
            dir,
            tree.kustomizations(dir).isEmpty() ? "" : tree.kustomizations(dir).get(0),
            0,
            false);
    for (Res r : out) {
      if (r.needsHash()) {
        r.body(
            Nodes.set(
                r.body(),
                Node.str(r.name() + "-" + Generators.hash(r.body())),
                "metadata",
                "name"));
      }
    }
    NameRefs.fix(out);
    String order = "legacy";
    for (String file : tree.kustomizations(dir)) {
      order =
          Option.of(tree.documents(file))
              .filter(l -> !l.isEmpty())
              .flatMap(l -> Nodes.text(l.get(0).node(), "sortOptions", "order"))
              .getOrElse(order);
      break;
    }
    if (order.equals("legacy")) {
      out.sort(LegacyOrder.ORDER);
    }
    return out;
  }

  private List<Res> kustomization(String dir, String fromFile, int fromLine, boolean component) {
    List<String> files = tree.kustomizations(dir);
    if (files.isEmpty()) {
      problems.add(
          Problem.at(
              fromFile,
              fromLine,
              1,
              "kustomize-missing",
              "no kustomization.yaml in '" + dir + "'"));
      return new ArrayList<>();
    }
    if (files.size() > 1) {
      problems.add(
          Problem.at(
              files.get(1),
              1,
              1,
              "kustomize-invalid",
              "more than one kustomization file in '" + dir + "': " + files));
      return new ArrayList<>();
    }
    if (stack.contains(dir)) {
      problems.add(
          Problem.at(
              fromFile,
              fromLine,
              1,
              "kustomize-cycle",
              "cycle between kustomizations: " + String.join(" -> ", cycle(dir))));
      return new ArrayList<>();
    }
    if (!component && built.containsKey(dir)) {
      List<Res> copy = new ArrayList<>();
      built.get(dir).forEach(r -> copy.add(r.copy()));
      return scoped(copy);
    }
    Option<KustFile> k = KustFile.read(tree, files.get(0), problems);
    if (k.isEmpty()) {
      return new ArrayList<>();
    }
    if (k.get().isComponent() != component) {
      problems.add(
          Problem.at(
              fromFile,
              fromLine,
              1,
              "kustomize-invalid",
              "'"
                  + dir
                  + "' is "
                  + (component
                      ? "not a Component; list it under resources"
                      : "a Component; list it under components")));
      return new ArrayList<>();
    }
    stack.push(dir);
    List<Res> out = accumulate(k.get(), new ArrayList<>());
    stack.pop();
    if (!component) {
      List<Res> copy = new ArrayList<>();
      out.forEach(r -> copy.add(r.copy()));
      built.put(dir, copy);
    }
    return component ? out : scoped(out);
  }

  private List<Res> scoped(List<Res> resources) {
    int token = ++instances;
    resources.forEach(r -> r.scopes().add(token));
    return resources;
  }

  private List<String> cycle(String dir) {
    List<String> path = new ArrayList<>();
    List<String> frames = new ArrayList<>(stack);
    java.util.Collections.reverse(frames);
    boolean in = false;
    for (String f : frames) {
      in |= f.equals(dir);
      if (in) {
        path.add(f);
      }
    }
    path.add(dir);
    return path;
  }

  private List<Res> accumulate(KustFile k, List<Res> acc) {
    Set<String> keys = new HashSet<>();
    acc.forEach(r -> keys.add(r.key()));
    List<Node> entries = new ArrayList<>();
    k.items("resources").forEach(entries::add);
    int firstBase = entries.size();
    k.items("bases").forEach(entries::add);
    for (int i = 0; i < entries.size(); i++) {
      String field = i < firstBase ? "resources" : "bases";
      String entry = entries.get(i).asText().getOrElse("");
      Option<String> path = reach(k, field, entry);
      if (path.isEmpty()) {
        continue;
      }
      int line = k.lineOf(field, entry);
      List<Res> found =
          tree.isFile(path.get())
              ? readFile(path.get())
              : kustomization(path.get(), k.path(), line, false);
      addAll(acc, keys, found, k.path(), line);
    }
    Node.Obj options = Nodes.obj(k.get("generatorOptions").getOrElse(Node.Obj.EMPTY));
    for (String field : List.of("configMapGenerator", "secretGenerator")) {
      for (Res g : generators.generate(k, field, options)) {
        absorbGenerated(acc, g);
      }
    }
    for (Node c : k.items("components")) {
      String entry = c.asText().getOrElse("");
      Option<String> path = reach(k, "components", entry);
      if (path.isEmpty()) {
        continue;
      }
      if (stack.contains(path.get())) {
        problems.add(
            k.problem(
                "components",
                entry,
                "kustomize-cycle",
                "cycle between kustomizations: " + String.join(" -> ", cycle(path.get()))));
        continue;
      }
      List<String> files = tree.kustomizations(path.get());
      Option<KustFile> ck =
          files.size() == 1 ? KustFile.read(tree, files.get(0), problems) : Option.none();
      if (ck.isEmpty() || !ck.get().isComponent()) {
        if (files.size() != 1 || ck.isDefined()) {
          problems.add(
              k.problem(
                  "components",
                  entry,
                  "kustomize-invalid",
                  "'" + path.get() + "' must hold one kustomization of kind Component"));
        }
        continue;
      }
      stack.push(path.get());
      acc = accumulate(ck.get(), acc);
      stack.pop();
    }
    transform(k, acc);
    return acc;
  }

  private Option<String> reach(KustFile k, String field, String entry) {
    if (entry.contains("://")
        || entry.startsWith("github.com/")
        || entry.startsWith("git@")
        || entry.contains("?ref=")) {
      problems.add(
          k.problem(
              field,
              entry,
              "kustomize-unsupported",
              "remote resource '" + entry + "' is not supported; vendor it into the repository"));
      return Option.none();
    }
    Option<String> path = Tree.resolve(k.dir(), entry);
    if (path.isEmpty() || entry.isEmpty()) {
      problems.add(
          k.problem(
              field, entry, "kustomize-escape", "'" + entry + "' leaves the repository root"));
      return Option.none();
    }
    Option<String> link = tree.symlinkOn(path.get());
    if (link.isDefined()) {
      problems.add(
          k.problem(
              field,
              entry,
              "symlink",
              "'" + link.get() + "' is a symbolic link in the Git tree; links are not followed"));
      return Option.none();
    }
    if (!tree.isFile(path.get()) && !tree.isDir(path.get())) {
      problems.add(
          k.problem(field, entry, "kustomize-missing", "no file or folder '" + path.get() + "'"));
      return Option.none();
    }
    return path;
  }

  private List<Res> readFile(String path) {
    List<Res> out = new ArrayList<>();
    tree.parse(path).problems().forEach(problems::add);
    for (ParsedDocument d : tree.documents(path)) {
      if (!(d.node() instanceof Node.Obj o)) {
        problems.add(
            Problem.at(
                path, d.line(), d.column(), "not-a-mapping", "a resource must be a mapping"));
        continue;
      }
      String kind = Nodes.text(o, "kind").getOrElse("");
      if (kind.endsWith("List") && o.get("items").isDefined()) {
        for (Node item : Nodes.items(o.get("items"))) {
          if (item instanceof Node.Obj io) {
            out.add(new Res(io, path, d.line(), tree.blobId(path)));
          }
        }
      } else if (kind.equals("Kustomization") || kind.equals("Component")) {
        problems.add(
            Problem.at(
                path,
                d.line(),
                1,
                "kustomize-invalid",
                "a " + kind + " listed as a resource; list its folder instead"));
      } else {
        out.add(new Res(o, path, d.line(), tree.blobId(path)));
      }
    }
    return out;
  }

  private void addAll(List<Res> acc, Set<String> keys, List<Res> more, String file, int line) {
    for (Res r : more) {
      if (!keys.add(r.key())) {
        problems.add(
            Problem.at(
                file,
                line,
                1,
                "duplicate-resource",
                r + " is already declared (" + r.file() + ":" + r.line() + ")"));
      } else {
        acc.add(r);
      }
    }
  }

  private void absorbGenerated(List<Res> acc, Res g) {
    Res existing = null;
    for (Res r : acc) {
      if (r.kind().equals(g.kind())
          && Res.normalNs(r.namespace()).equals(Res.normalNs(g.namespace()))
          && r.allIds().stream().anyMatch(id -> id.name().equals(g.name()))) {
        existing = r;
      }
    }
    String behavior = g.behavior();
    if (existing == null) {
      if (!behavior.equals("create")) {
        problems.add(
            Problem.at(
                g.file(),
                g.line(),
                1,
                "kustomize-invalid",
                "behavior '" + behavior + "' for " + g + " but there is nothing to " + behavior));
        return;
      }
      acc.add(g);
      return;
    }
    if (behavior.equals("create")) {
      problems.add(
          Problem.at(
              g.file(),
              g.line(),
              1,
              "duplicate-resource",
              g
                  + " is already declared ("
                  + existing.file()
                  + ":"
                  + existing.line()
                  + "); use behavior: merge or replace"));
      return;
    }
    Node.Obj body = existing.body();
    for (String field : List.of("data", "binaryData")) {
      Node.Obj merged = behavior.equals("merge") ? Nodes.obj(body, field) : Node.Obj.EMPTY;
      for (var e : Nodes.obj(g.body(), field).fields()) {
        merged = merged.with(e._1, e._2);
      }
      body = merged.fields().isEmpty() ? body.without(field) : body.with(field, merged);
    }
    for (String field : List.of("labels", "annotations")) {
      Node.Obj merged = Nodes.obj(body, "metadata", field);
      for (var e : Nodes.obj(g.body(), "metadata", field).fields()) {
        merged = merged.with(e._1, e._2);
      }
      if (!merged.fields().isEmpty()) {
        body = Nodes.set(body, merged, "metadata", field);
      }
    }
    existing.body(body);
    existing.needsHash(existing.needsHash() || g.needsHash());
  }

  private void transform(KustFile k, List<Res> acc) {
    patches.strategicMerge(k, acc);
    patches.patches(k, acc);
    k.text("namespace").filter(s -> !s.isEmpty()).forEach(ns -> Transforms.namespace(acc, ns));
    String prefix = k.text("namePrefix").getOrElse("");
    String suffix = k.text("nameSuffix").getOrElse("");
    if (!prefix.isEmpty() || !suffix.isEmpty()) {
      Transforms.prefixSuffix(acc, prefix, suffix);
    }
    for (Node l : k.items("labels")) {
      Map<String, String> pairs = pairs(Nodes.obj(l, "pairs"));
      List<FieldSpecs.Spec> specs = new ArrayList<>();
      if (Nodes.get(l, "includeSelectors").contains(Node.bool(true))) {
        specs.addAll(FieldSpecs.COMMON_LABELS);
      } else {
        if (Nodes.get(l, "includeTemplates").contains(Node.bool(true))) {
          specs.addAll(FieldSpecs.TEMPLATE_LABELS);
        }
        specs.add(new FieldSpecs.Spec("", "", "", List.of("metadata", "labels"), true));
      }
      Transforms.addPairs(acc, pairs, specs);
    }
    Transforms.addPairs(
        acc,
        pairs(Nodes.obj(k.get("commonLabels").getOrElse(Node.Obj.EMPTY))),
        FieldSpecs.COMMON_LABELS);
    Transforms.addPairs(
        acc,
        pairs(Nodes.obj(k.get("commonAnnotations").getOrElse(Node.Obj.EMPTY))),
        FieldSpecs.COMMON_ANNOTATIONS);
    patches.json6902(k, acc);
    for (Node r : k.items("replicas")) {
      String name = Nodes.text(r, "name").getOrElse("");
      Node count = Nodes.get(r, "count").getOrElse(Node.num(0));
      if (!Transforms.replicas(acc, name, count)) {
        problems.add(
            k.problem(
                "replicas",
                name,
                "patch-no-target",
                "replicas for '"
                    + name
                    + "' match no Deployment, ReplicaSet, StatefulSet or ReplicationController"));
      }
    }
    List<Transforms.Image> images = new ArrayList<>();
    for (Node i : k.items("images")) {
      images.add(
          new Transforms.Image(
              Nodes.text(i, "name").getOrElse(""),
              Nodes.text(i, "newName").getOrElse(""),
              Nodes.get(i, "newTag").flatMap(Nodes::scalar).getOrElse(""),
              Nodes.text(i, "digest").getOrElse("")));
    }
    if (!images.isEmpty()) {
      Transforms.images(acc, images);
    }
  }

  private static Map<String, String> pairs(Node.Obj obj) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : obj.fields()) {
      out.put(e._1, Nodes.scalar(e._2).getOrElse(""));
    }
    return out;
  }
}
