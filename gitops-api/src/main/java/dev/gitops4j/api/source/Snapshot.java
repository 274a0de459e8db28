package dev.gitops4j.api.source;

import io.vavr.collection.SortedMap;
import java.util.Objects;

/**
 * The files of one revision, keyed by path from the repository root, and the sub-path ({@code
 * root}) whose manifests are loaded. Files outside {@code root} may be present too, so that a
 * kustomization under it can reach a shared base elsewhere in the same tree ({@code ../base}). A
 * snapshot is read straight from Git's object database; nothing is checked out.
 *
 * @param revision the revision read
 * @param root the sub-path whose manifests are loaded; empty for the repository root
 * @param files the files by path from the repository root
 */
public record Snapshot(Revision revision, String root, SortedMap<String, SnapshotFile> files) {
  /**
   * Checks that no component is null.
   *
   * @param revision the revision the files were read at
   * @param root the sub-path the files were read under
   * @param files the files by path from the repository root
   */
  public Snapshot {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(files, "files");
  }
}
