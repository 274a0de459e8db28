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
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The last-applied documents of a {@link FileStateStore}: one JSON file per resource under {@code
 * applied/}, named by a hash of the resource id (so no name can escape the directory), holding the
 * id and the document with secret values redacted. Replaced atomically.
 */
final class AppliedDocuments {
  /** The directory under the state directory. */
  static final String DIR = "applied";

  private final Path dir;

  AppliedDocuments(Path dir) {
    this.dir = dir.resolve(DIR);
  }

  Option<Node.Obj> get(ResourceId id) {
    Path file = fileOf(id);
    if (!Files.isRegularFile(file)) {
      return Option.none();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Documents.parse(file.toString(), text)
          .toOption()
          .flatMap(docs -> docs.headOption())
          .flatMap(n -> n instanceof Node.Obj o ? Option.of(o) : Option.none())
          .filter(o -> o.get("id").contains(Node.str(id.toString())))
          .flatMap(o -> o.get("document"))
          .flatMap(n -> n instanceof Node.Obj d ? Option.of(d) : Option.none());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  void save(ResourceId id, Option<Node.Obj> document) {
    Path file = fileOf(id);
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
