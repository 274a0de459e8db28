package dev.gitops4j.core.history;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.internal.AtomicFiles;
import dev.gitops4j.core.load.Documents;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The last-applied documents of a {@link FileStateStore}: one JSON file per resource under {@code
 * applied/}, named by a hash of the resource id (so no name can escape the directory), holding the
 * id and the document with secret values redacted. Replaced atomically.
 *
 * <p>Parsed documents are kept with the file's identity (size, modification and change times, inode
 * and device), and handed back as the same instance while the file has not changed, so a re-plan
 * does not parse every file again and the planner's memo sees the same document. A file replaced or
 * edited behind the store's back changes its inode or change time (which no program can set) and is
 * read again; the store's own writes drop their entry.
 */
final class AppliedDocuments {
  /** The directory under the state directory. */
  static final String DIR = "applied";

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private record Stamp(Object size, Object modified, Object changed, Object key) {}

  private record Cached(Stamp stamp, Option<Node.Obj> document) {}

  private final Path dir;
  private final java.util.concurrent.ConcurrentHashMap<ResourceId, Cached> cache =
      new java.util.concurrent.ConcurrentHashMap<>();

  AppliedDocuments(Path dir) {
    this.dir = dir.resolve(DIR);
  }

  Option<Node.Obj> get(ResourceId id) {
    Path file = fileOf(id);
    Option<Stamp> stamp = stamp(file);
    if (stamp.isEmpty()) {
      cache.remove(id);
      return Option.none();
    }
    Cached known = cache.get(id);
    if (known != null && known.stamp.equals(stamp.get())) {
      return known.document;
    }
    Option<Node.Obj> document = read(id, file);
    // stamped before reading: a write in between changes the stamp and is read next time
    cache.put(id, new Cached(stamp.get(), document));
    return document;
  }

  /** The file's identity, none when it is not a regular file. */
  private static Option<Stamp> stamp(Path file) {
    try {
      java.util.Map<String, Object> a =
          Files.readAttributes(
              file, "unix:size,lastModifiedTime,ctime,ino,dev,isRegularFile", NOFOLLOW);
      if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
        return Option.none();
      }
      return Option.of(
          new Stamp(
              String.valueOf(a.get("size")),
              String.valueOf(a.get("lastModifiedTime")),
              String.valueOf(a.get("ctime")),
              a.get("dev") + ":" + a.get("ino")));
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return basicStamp(file);
    } catch (NoSuchFileException gone) {
      return Option.none();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static Option<Stamp> basicStamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
      if (!a.isRegularFile()) {
        return Option.none();
      }
      Object key = a.fileKey();
      // no change time here, and without a file key nothing tells a rewrite apart: never match
      return Option.of(
          new Stamp(
              a.size(),
              a.lastModifiedTime(),
              a.lastModifiedTime(),
              key == null ? new Object() : key));
    } catch (NoSuchFileException gone) {
      return Option.none();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static Option<Node.Obj> read(ResourceId id, Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Documents.parse(file.toString(), text)
          .toOption()
          .flatMap(docs -> docs.headOption())
          .flatMap(n -> n instanceof Node.Obj o ? Option.of(o) : Option.none())
          .filter(o -> o.get("id").contains(Node.str(id.toString())))
          .flatMap(o -> o.get("document"))
          .flatMap(n -> n instanceof Node.Obj d ? Option.of(d) : Option.none());
    } catch (NoSuchFileException gone) {
      return Option.none();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  void save(ResourceId id, Option<Node.Obj> document) {
    Path file = fileOf(id);
    cache.remove(id);
    try {
      if (document.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectory(dir, AtomicFiles.OWNER_ONLY_DIR);
        } catch (FileAlreadyExistsException raced) {
          // made concurrently: fine
        }
      }
      Node.Obj content = Node.obj("id", Node.str(id.toString()), "document", document.get());
      AtomicFiles.write(file, Documents.toJson(content).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  private Path fileOf(ResourceId id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(id.toString().getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
