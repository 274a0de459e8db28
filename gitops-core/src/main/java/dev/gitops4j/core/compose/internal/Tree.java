package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.load.internal.FileParser;
import dev.gitops4j.core.load.internal.ParsedDocument;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one snapshot as a read-only file system for kustomizations: folders, files, symbolic
 * links (never followed) and parsed documents, each parsed once per build.
 */
public final class Tree {
  /** The names a kustomization file may have, in kustomize's order of preference. */
  public static final List<String> KUSTOMIZATION_NAMES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final Snapshot snapshot;
  private final FileParser parser;
  private final Set<String> dirs = new HashSet<>();
  private final Map<String, FileParser.Result> parsed = new HashMap<>();

  /** A tree over the snapshot's files. */
  public Tree(Snapshot snapshot, FileParser parser) {
    this.snapshot = snapshot;
    this.parser = parser;
    dirs.add("");
    for (String path : (Iterable<String>) snapshot.files()::keysIterator) {
      int slash = path.lastIndexOf('/');
      while (slash > 0) {
        String dir = path.substring(0, slash);
        if (!dirs.add(dir)) {
          break;
        }
        slash = dir.lastIndexOf('/');
      }
    }
  }

  /**
   * {@code relative} resolved against folder {@code dir}, with {@code .} and {@code ..} removed;
   * none if it climbs above the repository root.
   */
  public static Option<String> resolve(String dir, String relative) {
    String joined = relative.startsWith("/") ? relative : dir + "/" + relative;
    List<String> parts = new ArrayList<>();
    for (String seg : joined.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return Option.none();
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(seg);
      }
    }
    return Option.of(String.join("/", parts));
  }

  /** The folder holding {@code path}. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Whether {@code path} is a regular file. */
  public boolean isFile(String path) {
    Option<SnapshotFile> f = snapshot.files().get(path);
    return f.isDefined() && !f.get().symlink();
  }

  /** Whether {@code path} is a folder holding at least one file. */
  public boolean isDir(String path) {
    return dirs.contains(path);
  }

  /** The symbolic link on the way to {@code path} (the path itself or a parent), if any. */
  public Option<String> symlinkOn(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Option<SnapshotFile> f = snapshot.files().get(p);
      if (f.isDefined() && f.get().symlink()) {
        return Option.of(p);
      }
      p = parent(p);
    }
    return Option.none();
  }

  /** The kustomization files in folder {@code dir}. */
  public List<String> kustomizations(String dir) {
    List<String> found = new ArrayList<>();
    for (String name : KUSTOMIZATION_NAMES) {
      String p = dir.isEmpty() ? name : dir + "/" + name;
      if (snapshot.files().containsKey(p)) {
        found.add(p);
      }
    }
    return found;
  }

  /** The blob id of a file. */
  public String blobId(String path) {
    return snapshot.files().get(path).map(SnapshotFile::blobId).getOrElse("");
  }

  /** The raw bytes of a file. */
  public byte[] bytes(String path) {
    return snapshot.files().get(path).map(SnapshotFile::content).getOrElse(new byte[0]);
  }

  /** The text of a file (UTF-8). */
  public String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** The documents of a YAML or JSON file, parsed once. */
  public FileParser.Result parse(String path) {
    return parsed.computeIfAbsent(
        path,
        p -> {
          SnapshotFile f = snapshot.files().get(p).get();
          return parser.parse(p, f.size(), f::content);
        });
  }

  /** Documents parsed from an inline YAML string held in {@code file}. */
  public FileParser.Result parseInline(String file, int line, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    FileParser.Result r = parser.parse(file + ".inline.yaml", bytes.length, () -> bytes);
    List<ParsedDocument> docs = new ArrayList<>();
    for (ParsedDocument d : r.documents()) {
      docs.add(new ParsedDocument(d.node(), line, 1, Map.of()));
    }
    List<Problem> problems = new ArrayList<>();
    for (Problem p : r.problems()) {
      problems.add(Problem.at(file, line, 1, p.rule(), "inline patch: " + p.message()));
    }
    return new FileParser.Result(
        io.vavr.collection.List.ofAll(docs), io.vavr.collection.List.ofAll(problems));
  }

  /** The non-empty documents of a file. */
  public List<ParsedDocument> documents(String path) {
    List<ParsedDocument> out = new ArrayList<>();
    for (ParsedDocument d : parse(path).documents()) {
      if (!(d.node() instanceof Node.Null)) {
        out.add(d);
      }
    }
    return out;
  }
}
