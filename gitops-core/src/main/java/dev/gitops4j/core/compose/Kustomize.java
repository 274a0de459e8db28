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

  /** One rendered document and where it was declared (the file of its resource or generator). */
  public record Rendered(Node.Obj body, Provenance provenance) {}

  private Kustomize(FileParser parser) {
    this.parser = parser;
  }

  /**
   * Composition with the loader's default limits (4 MiB files, a million nodes).
   *
   * @return composition with the loader's default limits (4 MiB files, a million nodes)
   */
  public static Kustomize create() {
    return withLimits(4L << 20, 1_000_000);
  }

  /**
   * Composition with the given file size and alias expansion limits.
   *
   * @return composition with the given file size and alias expansion limits
   */
  public static Kustomize withLimits(long maxFileSize, long maxExpandedNodes) {
    return new Kustomize(new FileParser(maxFileSize, maxExpandedNodes));
  }

  /**
   * Whether a file name is one of kustomize's kustomization file names.
   *
   * @return whether a file name is one of kustomize's kustomization file names
   */
  public static boolean isKustomizationFile(String name) {
    return Tree.KUSTOMIZATION_NAMES.contains(name);
  }

  /**
   * The folders at or under the snapshot's root that hold a kustomization and are not inside
   * another such folder: each is rendered as one unit.
   *
   * @return the folders at or under the snapshot's root that hold a kustomization and are not
   *     inside another such folder: each is rendered as one unit
   */
  public static Seq<String> units(Snapshot snapshot) {
    String root = snapshot.root();
    TreeSet<String> dirs = new TreeSet<>();
    for (String path : snapshot.files().keySet()) {
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
   * @return whether {@code path} is {@code root} or below it
   */
  public static boolean under(String root, String path) {
    return root.isEmpty() || path.equals(root) || path.startsWith(root + "/");
  }

  /**
   * Renders the kustomization in folder {@code dir} of the snapshot.
   *
   * @return renders the kustomization in folder {@code dir} of the snapshot
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
