package dev.gitops4j.core.target;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.internal.AtomicFiles;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.load.internal.Names;
import dev.gitops4j.core.target.internal.ParsedFiles;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Target} that keeps each resource as one YAML file under a root directory:
 *
 * <pre>
 * &lt;root&gt;/&lt;kind&gt;/&lt;namespace, or _cluster for cluster-scoped&gt;/&lt;name&gt;.yaml
 * </pre>
 *
 * <p>It never reads or writes outside its root, whatever happens to the folders below it while it
 * works: every file is opened, written, renamed and deleted relative to directory handles ({@link
 * SecureDirectoryStream}, {@code openat}/{@code renameat}/{@code unlinkat} on Linux) opened without
 * following symbolic links, and new folders are made in the root and renamed into place through
 * those handles. A folder swapped for a symbolic link fails the write instead of being followed.
 * Names that could climb out ({@code ..}, separators, control characters) are refused.
 *
 * <p>Writes are atomic (temp file {@code 0600}, fsync, rename); temp files left by a crash are
 * removed by {@link #recover()}. Files that do not fit the layout, and names starting with a dot,
 * are not resources and are left alone; a resource file that is not UTF-8 or not one YAML mapping
 * reads, with a warning, as an empty document.
 *
 * <p>Every read reads the file's bytes; a file whose bytes are the same as when it was last parsed
 * (same SHA-256) gives back the same document instance without parsing, so re-observing a large
 * tree costs reading and hashing, and the planner answers unchanged resources in O(1).
 */
public final class DirectoryTarget implements Target {
  /** The namespace folder of cluster-scoped resources. */
  public static final String CLUSTER = "_cluster";

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryTarget.class);
  private static final String SUFFIX = ".yaml";
  private static final String MKDIR = ".mkdir-";
  private static final long MAX_FILE = 64L << 20;
  private static final int MAX_FILE_NAME = 255;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Held while a folder is made or removed (see {@link #openOrCreate}). */
  private final Object folders = new Object();

  private final Path root;
  private final ParsedFiles parsed = new ParsedFiles();

  private DirectoryTarget(Path root) {
    this.root = root;
  }

  /**
   * A target rooted at {@code root}, created on first write.
   *
   * @param root the directory holding the resource files; made absolute; need not exist yet
   * @return a target that reads and writes only below {@code root}
   */
  public static DirectoryTarget at(Path root) {
    return new DirectoryTarget(root.toAbsolutePath().normalize());
  }

  /**
   * The root directory.
   *
   * @return the absolute, normalized root
   */
  public Path root() {
    return root;
  }

  /**
   * The file that holds {@code id}, whether or not it exists.
   *
   * @param id the resource
   * @return {@code <root>/<kind>/<namespace or _cluster>/<name>.yaml}
   * @throws dev.gitops4j.api.target.TargetException if the id holds a name that could climb out of
   *     the root ({@code ..}, a separator, a control character)
   */
  public Path fileOf(ResourceId id) {
    return new Layout(id).file();
  }

  @Override
  public String describe() {
    return "dir:" + root;
  }

  @Override
  public ActualState observe() {
    TreeMap<ResourceId, Node.Obj> found = TreeMap.empty();
    if (!Files.isDirectory(root)) {
      parsed.retainOnly(java.util.List.of());
      return ActualState.EMPTY;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (SecureDirectoryStream<Path> top = openRoot()) {
      for (String kind : names(top)) {
        try (SecureDirectoryStream<Path> kindDir = openDir(top, kind)) {
          if (kindDir == null) {
            continue;
          }
          for (String ns : names(kindDir)) {
            try (SecureDirectoryStream<Path> nsDir = openDir(kindDir, ns)) {
              if (nsDir == null) {
                continue;
              }
              for (String file : names(nsDir)) {
                if (!file.endsWith(SUFFIX)) {
                  continue;
                }
                Option<ResourceId> id =
                    idOf(kind, ns, file.substring(0, file.length() - SUFFIX.length()));
                for (ResourceId resourceId : id) {
                  String relative = kind + "/" + ns + "/" + file;
                  seen.add(relative);
                  for (Node.Obj doc : read(nsDir, file, relative)) {
                    found = found.put(resourceId, doc);
                  }
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new TargetException("cannot read " + root + " (" + e.getMessage() + ")", e);
    }
    parsed.retainOnly(seen);
    return new ActualState(found);
  }

  @Override
  public Option<Node.Obj> get(ResourceId id) {
    Layout at = new Layout(id);
    if (!Files.isDirectory(root)) {
      return Option.none();
    }
    try (SecureDirectoryStream<Path> top = openRoot();
        SecureDirectoryStream<Path> kindDir = openExisting(top, at.kind, at);
        SecureDirectoryStream<Path> nsDir =
            kindDir == null ? null : openExisting(kindDir, at.namespace, at)) {
      return nsDir == null ? Option.none() : read(nsDir, at.fileName, at.relative());
    } catch (IOException e) {
      throw TargetException.on(id, "cannot read " + at.relative(), e);
    }
  }

  @Override
  public void put(ResourceId id, Node.Obj document) {
    Layout at = new Layout(id);
    byte[] content = Documents.toYaml(document).getBytes(StandardCharsets.UTF_8);
    try {
      write(at, content);
    } catch (NoSuchFileException folderGone) {
      // a parallel delete removed the (then empty) folder after it was opened: once more
      try {
        write(at, content);
      } catch (IOException e) {
        throw TargetException.on(id, "cannot write " + at.relative(), e);
      }
    } catch (IOException e) {
      throw TargetException.on(id, "cannot write " + at.relative(), e);
    }
  }

  private void write(Layout at, byte[] content) throws IOException {
    Files.createDirectories(root);
    try (SecureDirectoryStream<Path> top = openRoot();
        SecureDirectoryStream<Path> kindDir = openOrCreate(top, top, at.kind, at);
        SecureDirectoryStream<Path> nsDir = openOrCreate(top, kindDir, at.namespace, at)) {
      refuseLink(nsDir, at);
      Path tmp = Path.of(".gitops4j-" + token() + ".tmp");
      try {
        Set<OpenOption> options =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW);
        try (SeekableByteChannel channel =
            nsDir.newByteChannel(tmp, options, AtomicFiles.OWNER_ONLY)) {
          ByteBuffer buffer = ByteBuffer.wrap(content);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          if (channel instanceof FileChannel fc) {
            fc.force(true);
          }
        }
        nsDir.move(tmp, nsDir, Path.of(at.fileName));
      } finally {
        try {
          nsDir.deleteFile(tmp);
        } catch (NoSuchFileException gone) {
          // renamed into place: nothing to clean
        }
      }
    }
  }

  /**
   * Create-before-delete: the new document is written to a temporary file and renamed over the old
   * one, so the resource never goes missing in between (the default would delete, then create).
   */
  @Override
  public void replace(ResourceId id, Node.Obj document) {
    put(id, document);
  }

  @Override
  public void delete(ResourceId id) {
    Layout at = new Layout(id);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (SecureDirectoryStream<Path> top = openRoot();
        SecureDirectoryStream<Path> kindDir = openExisting(top, at.kind, at);
        SecureDirectoryStream<Path> nsDir =
            kindDir == null ? null : openExisting(kindDir, at.namespace, at)) {
      if (kindDir == null || nsDir == null) {
        return;
      }
      refuseLink(nsDir, at);
      try {
        nsDir.deleteFile(Path.of(at.fileName));
      } catch (NoSuchFileException gone) {
        return;
      }
      synchronized (folders) {
        if (removeIfEmpty(kindDir, at.namespace)) {
          removeIfEmpty(top, at.kind);
        }
      }
    } catch (IOException e) {
      throw TargetException.on(id, "cannot delete " + at.relative(), e);
    }
  }

  /**
   * Refuses what this layout cannot hold: names that fail {@link Names}, names starting with a dot
   * (hidden files, never observed), the namespace {@value #CLUSTER} (it holds cluster-scoped
   * resources), and file names past the 255-byte limit of common file systems (the name with its
   * {@code .yaml} suffix, the kind and the namespace folder, each in UTF-8).
   */
  @Override
  public Option<String> checkId(ResourceId id) {
    return component("kind", id.kind(), 0)
        .orElse(() -> id.namespace().flatMap(ns -> component("namespace", ns, 0)))
        .orElse(() -> component("name", id.name(), SUFFIX.length()))
        .orElse(
            () ->
                id.namespace().contains(CLUSTER)
                    ? Option.of("namespace '" + CLUSTER + "' is reserved by DirectoryTarget")
                    : Option.none());
  }

  private static Option<String> component(String what, String value, int suffix) {
    Option<String> problem = Names.check(what, value);
    if (problem.isDefined()) {
      return problem;
    }
    if (value.startsWith(".")) {
      return Option.of(what + " must not start with '.' in a DirectoryTarget");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes + suffix > MAX_FILE_NAME) {
      return Option.of(
          what
              + " is "
              + bytes
              + " bytes in UTF-8; a DirectoryTarget holds at most "
              + (MAX_FILE_NAME - suffix));
    }
    return Option.none();
  }

  /** Removes temp files and half-made folders a crashed write left behind. */
  @Override
  public void recover() {
    if (!Files.isDirectory(root)) {
      return;
    }
    int removed = 0;
    try (SecureDirectoryStream<Path> top = openRoot()) {
      java.util.List<String> entries = allNames(top);
      for (String name : entries) {
        if (name.startsWith(MKDIR) && removeIfEmpty(top, name)) {
          removed++;
        }
      }
      for (String kind : entries) {
        if (kind.startsWith(".")) {
          continue;
        }
        try (SecureDirectoryStream<Path> kindDir = openDir(top, kind)) {
          if (kindDir == null) {
            continue;
          }
          for (String ns : names(kindDir)) {
            try (SecureDirectoryStream<Path> nsDir = openDir(kindDir, ns)) {
              if (nsDir == null) {
                continue;
              }
              for (String file : allNames(nsDir)) {
                if (file.startsWith(".") && file.endsWith(".tmp") && isRegularFile(nsDir, file)) {
                  nsDir.deleteFile(Path.of(file));
                  removed++;
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot clean {}: {}", root, e.toString());
    }
    if (removed > 0) {
      LOG.info("removed {} temp files and folders an interrupted run left in {}", removed, root);
    }
  }

  /** Where a resource lives: checked names and the relative path. */
  private final class Layout {
    final ResourceId id;
    final String kind;
    final String namespace;
    final String fileName;

    Layout(ResourceId id) {
      this.id = id;
      Option<String> problem = checkId(id);
      if (problem.isDefined()) {
        throw new TargetException(Names.printable(id.toString()) + ": " + problem.get());
      }
      this.kind = id.kind();
      this.namespace = id.namespace().getOrElse(CLUSTER);
      this.fileName = id.name() + SUFFIX;
      Path file = file();
      if (!file.startsWith(root) || file.getNameCount() != root.getNameCount() + 3) {
        throw new TargetException(id + ": resolves outside " + root);
      }
    }

    Path file() {
      return root.resolve(kind).resolve(namespace).resolve(fileName).normalize();
    }

    String relative() {
      return kind + "/" + namespace + "/" + fileName;
    }
  }

  @SuppressWarnings("StreamResourceLeak") // returned open: the caller closes it
  private SecureDirectoryStream<Path> openRoot() throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(root);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return secure;
    }
    stream.close();
    throw new TargetException(
        "DirectoryTarget needs a file system with secure directory streams (openat), which "
            + root.getFileSystem()
            + " does not offer");
  }

  /** A sub-folder opened without following links; null if it is missing, a link or a file. */
  private static @org.jspecify.annotations.Nullable SecureDirectoryStream<Path> openDir(
      SecureDirectoryStream<Path> parent, String name) {
    try {
      return parent.newDirectoryStream(Path.of(name), NOFOLLOW);
    } catch (IOException e) {
      return null;
    }
  }

  /** A sub-folder on a resource's path: null if missing, refused if a link or not a folder. */
  private @org.jspecify.annotations.Nullable SecureDirectoryStream<Path> openExisting(
      SecureDirectoryStream<Path> parent, String name, Layout at) throws IOException {
    try {
      return parent.newDirectoryStream(Path.of(name), NOFOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      throw notAFolder(at, name);
    }
  }

  /**
   * Opens a sub-folder, making it first when missing: a fresh folder is made in the root and
   * renamed into {@code parent} through its handle, so no path is ever followed.
   */
  private SecureDirectoryStream<Path> openOrCreate(
      SecureDirectoryStream<Path> top, SecureDirectoryStream<Path> parent, String name, Layout at)
      throws IOException {
    SecureDirectoryStream<Path> existing = openExisting(parent, name, at);
    if (existing != null) {
      return existing;
    }
    // renameat replaces an empty folder: two writers making the same folder at once would swap
    // the first one's folder for the second's under its open handle. Make folders one at a time.
    synchronized (folders) {
      existing = openExisting(parent, name, at);
      if (existing != null) {
        return existing;
      }
      return makeFolder(top, parent, name, at);
    }
  }

  private SecureDirectoryStream<Path> makeFolder(
      SecureDirectoryStream<Path> top, SecureDirectoryStream<Path> parent, String name, Layout at)
      throws IOException {
    Path fresh = Path.of(MKDIR + token());
    Files.createDirectory(root.resolve(fresh));
    try {
      top.move(fresh, parent, Path.of(name));
    } catch (FileSystemException raced) {
      LOG.debug("{} appeared while it was being made", name);
    } finally {
      try {
        top.deleteDirectory(fresh);
      } catch (NoSuchFileException moved) {
        // renamed into place
      }
    }
    SecureDirectoryStream<Path> made = openExisting(parent, name, at);
    if (made == null) {
      throw notAFolder(at, name);
    }
    return made;
  }

  private TargetException notAFolder(Layout at, String name) {
    return new TargetException(
        at.id
            + ": "
            + name
            + " on the way to "
            + at.relative()
            + " is a symbolic link or not a folder; refusing to follow it out of "
            + root);
  }

  /** Refuses a resource file that is a symbolic link: a sign of tampering, never replaced. */
  private void refuseLink(SecureDirectoryStream<Path> dir, Layout at) {
    try {
      BasicFileAttributes attrs =
          dir.getFileAttributeView(Path.of(at.fileName), BasicFileAttributeView.class, NOFOLLOW)
              .readAttributes();
      if (attrs.isSymbolicLink()) {
        throw new TargetException(
            at.id + ": " + at.relative() + " is a symbolic link; refusing to touch it in " + root);
      }
    } catch (IOException absent) {
      // nothing there yet
    }
  }

  private static boolean removeIfEmpty(SecureDirectoryStream<Path> parent, String name)
      throws IOException {
    try {
      parent.deleteDirectory(Path.of(name));
      return true;
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return false;
    } catch (FileSystemException notADirectory) {
      return false;
    }
  }

  private static boolean isRegularFile(SecureDirectoryStream<Path> dir, String name) {
    try {
      BasicFileAttributes attrs =
          dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NOFOLLOW)
              .readAttributes();
      return attrs.isRegularFile();
    } catch (IOException e) {
      return false;
    }
  }

  /** A resource file's document; none when it is not a regular file or cannot be opened. */
  private Option<Node.Obj> read(SecureDirectoryStream<Path> dir, String name, String relative) {
    if (!isRegularFile(dir, name)) {
      return Option.none();
    }
    byte[] bytes;
    try (SeekableByteChannel channel =
        dir.newByteChannel(Path.of(name), Set.of(StandardOpenOption.READ, NOFOLLOW))) {
      if (channel.size() > MAX_FILE) {
        LOG.warn("{} is larger than {} bytes; treating it as empty", relative, MAX_FILE);
        return Option.of(Node.Obj.EMPTY);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) channel.size() + 1);
      while (channel.read(buffer) > 0 && buffer.hasRemaining()) {
        // read until the end or the buffer is full
      }
      bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (IOException e) {
      LOG.warn("{} cannot be read ({}); skipping it", relative, e.getClass().getSimpleName());
      return Option.none();
    }
    byte[] digest = ParsedFiles.digest(bytes);
    Option<Node.Obj> known = parsed.get(relative, digest);
    if (known.isDefined()) {
      return known;
    }
    parsed.forget(relative);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      LOG.warn("{} is not UTF-8; treating it as empty", relative);
      return Option.of(Node.Obj.EMPTY);
    }
    var docs = Documents.parse(name, text);
    if (docs.isRight() && docs.get().size() == 1 && docs.get().head() instanceof Node.Obj o) {
      parsed.put(relative, digest, o);
      return Option.of(o);
    }
    LOG.warn("{} is not a single YAML mapping; treating it as empty", relative);
    return Option.of(Node.Obj.EMPTY);
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

  /** The entries of a folder not starting with a dot, sorted. */
  private static java.util.List<String> names(DirectoryStream<Path> dir) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String n : allNames(dir)) {
      if (!n.startsWith(".")) {
        out.add(n);
      }
    }
    return out;
  }

  private static java.util.List<String> allNames(DirectoryStream<Path> dir) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Path p : dir) {
      Path name = p.getFileName();
      if (name != null) {
        out.add(name.toString());
      }
    }
    out.sort(null);
    return out;
  }

  private static String token() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public String toString() {
    return "DirectoryTarget[" + root + "]";
  }
}
