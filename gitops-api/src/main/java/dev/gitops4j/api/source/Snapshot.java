package dev.gitops4j.api.source;

import io.vavr.collection.SortedMap;
import java.util.Objects;

/**
 * The files of one revision under the repository's sub-path, keyed by path from the repository
 * root. A snapshot is read straight from Git's object database; nothing is checked out.
 */
public record Snapshot(Revision revision, String root, SortedMap<String, SnapshotFile> files) {
  public Snapshot {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(files, "files");
  }
}
