package dev.gitops4j.core.compose;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Provenance;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.compose.internal.Build;
import dev.gitops4j.core.compose.internal.Res;
import dev.gitops4j.core.compose.internal.Tree;
import dev.gitops4j.core.load.internal.FileParser;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * Composition compatible with {@code kustomize build} (v5) for a documented subset of the {@code
 * kustomization.yaml} format: a folder holding a kustomization is rendered through it, with bases,
 * overlays, components, patches, generators and the built-in transformers, in kustomize's output
 * order. Fields outside the subset (Helm charts, remote bases, plugins, replacements) are problems
 * naming the file, line and field, never ignored.
 *
 * <pre>{@code
 * Validation<Seq<Problem>, Seq<Kustomize.Rendered>> out =
 *     Kustomize.create().render(snapshot, "overlays/prod");
 * }</pre>
 */
public final class Kustomize {
  private final FileParser parser;

  /**
   * One rendered document and where it was declared (the file of its resource or generator).
   *
   * @param body the document after every patch and transformer of the kustomization
   * @param provenance the file and line of the resource or generator it came from, for problems
   *     that point at the source
   */
  public record Rendered(Node.Obj body, Provenance provenance) {}

  private Kustomize(FileParser parser) {
    this.parser = parser;
  }

  /**
   * Composition with the loader's default limits (4 MiB files, a million nodes).
   *
   * @return a renderer; it keeps no state between renders
   */
  public static Kustomize create() {
    return withLimits(4L << 20, 1_000_000);
  }

  /**
   * Composition with the given file size and alias expansion limits.
   *
   * @param maxFileSize the largest file read, in bytes; larger ones are a problem
   * @param maxExpandedNodes how many nodes a document may hold once YAML aliases are expanded
   * @return a renderer with these limits, as {@link dev.gitops4j.core.load.ManifestLoader} uses
   */
  public static Kustomize withLimits(long maxFileSize, long maxExpandedNodes) {
    return new Kustomize(new FileParser(maxFileSize, maxExpandedNodes));
  }

  /**
   * Whether a file name is one of kustomize's kustomization file names.
   *
   * @param name a file name without folder, such as {@code kustomization.yaml}
   * @return true for {@code kustomization.yaml}, {@code kustomization.yml} and {@code
   *     Kustomization}
   */
  public static boolean isKustomizationFile(String name) {
    return Tree.KUSTOMIZATION_NAMES.contains(name);
  }

  /**
   * The folders at or under the snapshot's root that hold a kustomization and are not inside
   * another such folder: each is rendered as one unit.
   *
   * @param snapshot the files of one revision, under its root folder
   * @return the unit folders, relative to the repository root ({@code ""} for the root itself), in
   *     path order
   */
  public static Seq<String> units(Snapshot snapshot) {
    String root = snapshot.root();
    TreeSet<String> dirs = new TreeSet<>();
    for (java.util.Iterator<String> paths = snapshot.files().keysIterator(); paths.hasNext(); ) {
      String path = paths.next();
      if (!path.endsWith("ustomization.yaml")
          && !path.endsWith("ustomization.yml")
          && !path.endsWith("Kustomization")) {
        continue;
      }
      int slash = path.lastIndexOf('/');
      String name = path.substring(slash + 1);
      String dir = slash < 0 ? "" : path.substring(0, slash);
      if (isKustomizationFile(name) && under(root, dir)) {
        dirs.add(dir);
      }
    }
    java.util.List<String> top = new ArrayList<>();
    for (String d : dirs) {
      boolean nested = false;
      for (String t : top) {
        nested |= t.isEmpty() || d.startsWith(t + "/");
      }
      if (!nested) {
        top.add(d);
      }
    }
    return List.ofAll(top);
  }

  /**
   * Whether {@code path} is {@code root} or below it.
   *
   * @param root a folder relative to the repository root; {@code ""} for the root, which holds
   *     every path
   * @param path a file or folder relative to the repository root
   * @return whether {@code path} equals {@code root} or lies below it (by whole path segments)
   */
  public static boolean under(String root, String path) {
    return root.isEmpty() || path.equals(root) || path.startsWith(root + "/");
  }

  /**
   * Renders the kustomization in folder {@code dir} of the snapshot.
   *
   * @param snapshot the files of one revision; bases and components are read from it too
   * @param dir the folder holding the kustomization file, relative to the repository root
   * @return the rendered documents in {@code kustomize build} order, or every problem found (each
   *     once)
   */
  public Validation<Seq<Problem>, Seq<Rendered>> render(Snapshot snapshot, String dir) {
    Build build = new Build(new Tree(snapshot, parser));
    java.util.List<Res> out = build.render(dir);
    if (!build.problems().isEmpty()) {
      return Validation.invalid(List.ofAll(build.problems()).distinct());
    }
    java.util.List<Rendered> rendered = new ArrayList<>(out.size());
    for (Res r : out) {
      rendered.add(new Rendered(r.body(), new Provenance(r.file(), r.line(), 1, r.blobId())));
    }
    return Validation.valid(List.ofAll(rendered));
  }
}
