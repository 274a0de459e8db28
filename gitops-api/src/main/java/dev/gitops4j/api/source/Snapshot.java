package dev.gitops4j.api.source;

import io.vavr.collection.SortedMap;
import java.util.Objects;

/**
 * The files of one revision, keyed by path from the repository root, and the sub-path ({@code
 * root}) whose manifests are loaded. Files outside {@code root} may be present too, so that a
 * kustomization under it can reach a shared base elsewhere in the same tree ({@code ../base}). A
 * snapshot is read straight from Git's object database; nothing is checked out.
 */
public record Snapshot(Revision revision, String root, SortedMap<String, SnapshotFile> files) {
  public Snapshot {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(files, "files");
  }
}
