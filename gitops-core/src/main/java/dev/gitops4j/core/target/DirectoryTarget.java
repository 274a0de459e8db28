package dev.gitops4j.core.target;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.internal.AtomicFiles;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.load.internal.Names;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Target} that keeps each resource as one YAML file under a root directory:
 *
 * <pre>
 * &lt;root&gt;/&lt;kind&gt;/&lt;namespace, or _cluster for cluster-scoped&gt;/&lt;name&gt;.yaml
 * </pre>
 *
 * <p>Writes are atomic (temp file, fsync, rename). It never reads or writes outside its root: names
 * that could climb out ({@code ..}, separators, control characters) are refused, and so is any path
 * through a symbolic link planted inside the root. Files that do not fit the layout, and names
 * starting with a dot, are not resources and are left alone.
 */
public final class DirectoryTarget implements Target {
  /** The namespace folder of cluster-scoped resources. */
  public static final String CLUSTER = "_cluster";

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryTarget.class);
  private static final String SUFFIX = ".yaml";

  private final Path root;

  private DirectoryTarget(Path root) {
    this.root = root;
  }

  /** A target rooted at {@code root}, created on first write. */
  public static DirectoryTarget at(Path root) {
    return new DirectoryTarget(root.toAbsolutePath().normalize());
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** The file that holds {@code id}, whether or not it exists. */
  public Path fileOf(ResourceId id) {
    return pathOf(id);
  }

  @Override
  public String describe() {
    return "dir:" + root;
  }

  @Override
  public ActualState observe() {
    TreeMap<ResourceId, Node.Obj> found = TreeMap.empty();
    if (!Files.isDirectory(root)) {
      return ActualState.EMPTY;
    }
    for (Path kindDir : children(root)) {
      for (Path nsDir : children(kindDir)) {
        for (Path file : children(nsDir)) {
          String fileName = file.getFileName().toString();
          if (!fileName.endsWith(SUFFIX) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          Option<ResourceId> id =
              idOf(
                  kindDir.getFileName().toString(),
                  nsDir.getFileName().toString(),
                  fileName.substring(0, fileName.length() - SUFFIX.length()));
          for (ResourceId resourceId : id) {
            found = found.put(resourceId, read(file));
          }
        }
      }
    }
    return new ActualState(found);
  }

  @Override
  public Option<Node.Obj> get(ResourceId id) {
    Path file = pathOf(id);
    refuseLinks(id, file);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? Option.of(read(file))
        : Option.none();
  }

  @Override
  public void put(ResourceId id, Node.Obj document) {
    Path file = pathOf(id);
    refuseLinks(id, file);
    try {
      Files.createDirectories(file.getParent());
      refuseLinks(id, file);
      AtomicFiles.write(file, Documents.toYaml(document).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw TargetException.on(id, "cannot write " + root.relativize(file), e);
    }
  }

  @Override
  public void delete(ResourceId id) {
    Path file = pathOf(id);
    refuseLinks(id, file);
    try {
      Files.deleteIfExists(file);
      for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
        if (!isEmptyDirectory(dir)) {
          break;
        }
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw TargetException.on(id, "cannot delete " + root.relativize(file), e);
    }
  }

  private Path pathOf(ResourceId id) {
    checkName(id, "kind", id.kind());
    checkName(id, "name", id.name());
    id.namespace().forEach(ns -> checkName(id, "namespace", ns));
    if (id.namespace().contains(CLUSTER)) {
      throw new TargetException(
          id + ": namespace '" + CLUSTER + "' is reserved by DirectoryTarget");
    }
    Path file =
        root.resolve(id.kind())
            .resolve(id.namespace().getOrElse(CLUSTER))
            .resolve(id.name() + SUFFIX)
            .normalize();
    if (!file.startsWith(root) || file.getNameCount() != root.getNameCount() + 3) {
      throw new TargetException(id + ": resolves outside " + root);
    }
    return file;
  }

  private static void checkName(ResourceId id, String what, String value) {
    Option<String> problem = Names.check(what, value);
    if (problem.isEmpty() && value.startsWith(".")) {
      problem = Option.of(what + " must not start with '.' in a DirectoryTarget");
    }
    if (problem.isDefined()) {
      throw new TargetException(Names.printable(id.toString()) + ": " + problem.get());
    }
  }

  /** Refuses a path that passes through a symbolic link anywhere below the root. */
  private void refuseLinks(ResourceId id, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new TargetException(
            id
                + ": "
                + root.relativize(p)
                + " is a symbolic link; refusing to follow it out of "
                + root);
      }
    }
  }

  private Option<ResourceId> idOf(String kind, String namespace, String name) {
    if (kind.startsWith(".") || namespace.startsWith(".") || name.startsWith(".")) {
      return Option.none();
    }
    if (Names.check("kind", kind).isDefined() || Names.check("name", name).isDefined()) {
      return Option.none();
    }
    return Option.of(
        namespace.equals(CLUSTER)
            ? ResourceId.of(kind, name)
            : ResourceId.of(kind, namespace, name));
  }

  private Node.Obj read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      var docs = Documents.parse(file.getFileName().toString(), text);
      if (docs.isRight() && docs.get().size() == 1 && docs.get().head() instanceof Node.Obj o) {
        return o;
      }
      LOG.warn("{} is not a single YAML mapping; treating it as empty", root.relativize(file));
      return Node.Obj.EMPTY;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static java.util.List<Path> children(Path dir) {
    java.util.List<Path> out = new java.util.ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        if (!p.getFileName().toString().startsWith(".") && !Files.isSymbolicLink(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
    out.sort(null);
    return out;
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      return !stream.iterator().hasNext();
    }
  }

  @Override
  public String toString() {
    return "DirectoryTarget[" + root + "]";
  }
}
