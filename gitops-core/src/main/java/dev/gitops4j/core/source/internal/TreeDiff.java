package dev.gitops4j.core.source.internal;

import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files of a commit's tree, read whole or as the difference from an earlier snapshot: a walk
 * over both trees that skips every folder whose tree id is the same in both, as {@code git
 * diff-tree -r} does, and patches the earlier (persistent) file map, so that a commit touching k
 * files costs O(k log n).
 */
public final class TreeDiff {
  private TreeDiff() {}

  /** Every blob of {@code tree} (gitlinks left out), by path. */
  public static SortedMap<String, SnapshotFile> read(
      Repository git, ObjectReader reader, RevTree tree) throws IOException {
    java.util.TreeMap<String, SnapshotFile> files = new java.util.TreeMap<>();
    try (TreeWalk walk = new TreeWalk(git, reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          String path = walk.getPathString();
          files.put(path, file(git, reader, walk, 0, path));
        }
      }
    }
    return TreeMap.ofAll(files);
  }

  /** Whether {@code snapshot} was read from {@code git} by this class, so it can be patched. */
  public static boolean readFrom(Repository git, Snapshot snapshot) {
    return !snapshot.files().isEmpty()
        && snapshot.files().head()._2 instanceof GitFile f
        && f.git() == git;
  }

  /**
   * The snapshot of {@code revision} (tree {@code after}), made from {@code previous} (read from
   * tree {@code before}) by applying the difference between the two trees.
   */
  public static Snapshot patch(
      Repository git,
      ObjectReader reader,
      Snapshot previous,
      RevTree before,
      RevTree after,
      Revision revision)
      throws IOException {
    SortedMap<String, SnapshotFile> files = previous.files();
    TreeSet<String> changed = TreeSet.empty();
    TreeSet<String> removed = TreeSet.empty();
    try (TreeWalk walk = new TreeWalk(git, reader)) {
      walk.addTree(before);
      walk.addTree(after);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        boolean was = walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB;
        boolean is = walk.getFileMode(1).getObjectType() == Constants.OBJ_BLOB;
        String path = walk.getPathString();
        if (is) {
          files = files.put(path, file(git, reader, walk, 1, path));
          changed = changed.add(path);
        } else if (was) {
          files = files.remove(path);
          removed = removed.add(path);
        }
      }
    }
    return new Snapshot(
        revision,
        previous.root(),
        files,
        Option.of(new Snapshot.Changes(previous.revision(), changed, removed)));
  }

  private static SnapshotFile file(
      Repository git, ObjectReader reader, TreeWalk walk, int tree, String path)
      throws IOException {
    ObjectId blob = walk.getObjectId(tree);
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    return new GitFile(git, path, blob.name(), size, walk.getFileMode(tree) == FileMode.SYMLINK);
  }

  /**
   * A blob in the object database, read on demand. The id is kept as the text every user of a
   * snapshot asks for (cache keys, provenance), so that they all share one copy of it.
   */
  private record GitFile(Repository git, String path, String blobId, long size, boolean symlink)
      implements SnapshotFile {
    @Override
    public byte[] content() {
      try (ObjectReader reader = git.newObjectReader()) {
        return reader
            .open(ObjectId.fromString(blobId), Constants.OBJ_BLOB)
            .getBytes(Integer.MAX_VALUE - 8);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + path, e);
      }
    }
  }
}
