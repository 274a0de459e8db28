package dev.gitops4j.api.model;

import java.util.Objects;

/**
 * Where a resource came from: the file path in the repository, the 1-based line and column where
 * its document starts, and the Git blob id of the file.
 */
public record Provenance(String file, int line, int column, String blobId) {
  public Provenance {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(blobId, "blobId");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
