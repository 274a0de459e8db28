package dev.gitops4j.api.source;

import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The files of one revision, keyed by path from the repository root, and the sub-path ({@code
 * root}) whose manifests are loaded. Files outside {@code root} may be present too, so that a
 * kustomization under it can reach a shared base elsewhere in the same tree ({@code ../base}). A
 * snapshot is read straight from Git's object database; nothing is checked out.
 *
 * <p>A snapshot read against an earlier one ({@link Repository#checkout(Revision, Snapshot)}) also
 * records which paths differ from it ({@link #changes()}), so that loading it again costs what
 * changed rather than the size of the repository.
 *
 * @param revision the revision read
 * @param root the sub-path whose manifests are loaded; empty for the repository root
 * @param files the files by path from the repository root
 * @param changes the paths that differ from the snapshot this one was read against, if any
 */
public record Snapshot(
    Revision revision,
    String root,
    SortedMap<String, SnapshotFile> files,
    Option<Changes> changes) {
  /**
   * Checks that no component is null.
   *
   * @param revision the revision the files were read at
   * @param root the sub-path the files were read under
   * @param files the files by path from the repository root
   * @param changes the paths that differ from an earlier snapshot, if known
   */
  public Snapshot {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(changes, "changes");
  }

  /**
   * A snapshot with no record of changes.
   *
   * @param revision the revision the files were read at
   * @param root the sub-path the files were read under
   * @param files the files by path from the repository root
   */
  public Snapshot(Revision revision, String root, SortedMap<String, SnapshotFile> files) {
    this(revision, root, files, Option.none());
  }

  /**
   * The paths of a snapshot that differ from an earlier snapshot ({@code base}) of the same
   * repository and sub-path. A path in neither set has the same blob id and mode in both.
   *
   * @param base the revision of the earlier snapshot
   * @param changed paths added, or whose content or mode changed (each is in {@link #files()})
   * @param removed paths present in the earlier snapshot and absent from this one
   */
  public record Changes(Revision base, SortedSet<String> changed, SortedSet<String> removed) {
    /**
     * Checks that no component is null.
     *
     * @param base the revision of the earlier snapshot
     * @param changed paths added or changed
     * @param removed paths removed
     */
    public Changes {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(changed, "changed");
      Objects.requireNonNull(removed, "removed");
    }

    /**
     * Every path added, changed or removed.
     *
     * @return every path added, changed or removed, in order
     */
    public SortedSet<String> all() {
      return changed.union(removed);
    }
  }
}
