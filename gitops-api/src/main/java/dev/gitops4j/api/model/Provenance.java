package dev.gitops4j.api.model;

import java.util.Objects;

/**
 * Where a resource came from: the file path in the repository, the 1-based line and column where
 * its document starts, and the Git blob id of the file.
 *
 * @param file the path from the repository root
 * @param line the 1-based line where the document starts
 * @param column the 1-based column where the document starts
 * @param blobId the Git blob id of the file
 */
public record Provenance(String file, int line, int column, String blobId) {
  /**
   * Checks that no component is null.
   *
   * @param file the path in the repository
   * @param line the 1-based line where the document starts
   * @param column the 1-based column where the document starts
   * @param blobId the Git blob id of the file
   */
  public Provenance {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(blobId, "blobId");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
