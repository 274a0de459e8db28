package dev.gitops4j.core.load.internal;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import io.vavr.collection.Seq;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.jspecify.annotations.Nullable;

/**
 * What is left out of loading: {@code .gitops4jignore} files (gitignore syntax, read by JGit's
 * ignore rules, like Flux's {@code .sourceignore}), each applying to its folder and below, and
 * {@code --exclude} patterns, which apply from the repository root and cannot be re-included. As in
 * Git, a file inside an ignored folder is ignored. Each folder is decided once, so checking every
 * file of a snapshot is linear in its paths. Safe to share between threads.
 */
public final class Ignores {
  /** The name of the ignore file. */
  public static final String FILE = ".gitops4jignore";

  private final IgnoreNode excludes;
  private final Map<String, IgnoreNode> byFolder;
  private final Map<String, Boolean> folders = new ConcurrentHashMap<>();

  private Ignores(IgnoreNode excludes, Map<String, IgnoreNode> byFolder) {
    this.excludes = excludes;
    this.byFolder = byFolder;
  }

  /**
   * The rules of a snapshot's ignore files and the given patterns.
   *
   * @throws IllegalArgumentException if a pattern is not valid gitignore syntax
   */
  public static Ignores of(Snapshot snapshot, Seq<String> patterns) {
    Map<String, IgnoreNode> byFolder = new HashMap<>();
    for (SnapshotFile file : (Iterable<SnapshotFile>) snapshot.files()::valuesIterator) {
      String path = file.path();
      if (path.equals(FILE) || path.endsWith("/" + FILE)) {
        IgnoreNode node = new IgnoreNode();
        try {
          node.parse(path, new ByteArrayInputStream(file.content()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        byFolder.put(path.substring(0, path.length() - FILE.length()), node);
      }
    }
    return new Ignores(new IgnoreNode(rules(patterns)), byFolder);
  }

  /** The patterns as rules; empty patterns are refused. */
  public static List<FastIgnoreRule> rules(Seq<String> patterns) {
    List<FastIgnoreRule> rules = new ArrayList<>();
    for (String p : patterns) {
      FastIgnoreRule rule = new FastIgnoreRule(p);
      if (p.isBlank() || rule.isEmpty()) {
        throw new IllegalArgumentException(
            "exclude pattern '" + Problem.escape(p) + "' matches nothing");
      }
      rules.add(rule);
    }
    return rules;
  }

  /** Whether a file (path from the repository root) is left out. */
  public boolean ignored(String path) {
    int slash = path.lastIndexOf('/');
    if (slash > 0 && folderIgnored(path.substring(0, slash))) {
      return true;
    }
    return decide(path, false);
  }

  private boolean folderIgnored(String folder) {
    Boolean known = folders.get(folder);
    if (known != null) {
      return known;
    }
    int slash = folder.lastIndexOf('/');
    boolean ignored =
        (slash > 0 && folderIgnored(folder.substring(0, slash))) || decide(folder, true);
    folders.put(folder, ignored);
    return ignored;
  }

  private boolean decide(String path, boolean directory) {
    if (Boolean.TRUE.equals(excludes.checkIgnored(path, directory))) {
      return true;
    }
    if (byFolder.isEmpty()) {
      return false;
    }
    int end = path.lastIndexOf('/');
    while (true) {
      String base = end < 0 ? "" : path.substring(0, end + 1);
      IgnoreNode node = byFolder.get(base);
      if (node != null) {
        @Nullable Boolean result = node.checkIgnored(path.substring(base.length()), directory);
        if (result != null) {
          return result;
        }
      }
      if (end < 0) {
        return false;
      }
      end = end == 0 ? -1 : path.lastIndexOf('/', end - 1);
    }
  }
}
