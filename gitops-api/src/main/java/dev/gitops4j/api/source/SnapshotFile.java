package dev.gitops4j.api.source;

/**
 * One file of a {@link Snapshot}: its path from the repository root, its Git blob id and size. The
 * content is read on demand from the object database, so a snapshot of a large repository is cheap
 * until files are read.
 */
public interface SnapshotFile {
  /**
   * The path from the repository root, with {@code /} separators.
   *
   * @return the path from the repository root, with {@code /} separators
   */
  String path();

  /**
   * The Git blob id (hex), which also keys the parse cache.
   *
   * @return the Git blob id (hex), which also keys the parse cache
   */
  String blobId();

  /**
   * The size in bytes.
   *
   * @return the size in bytes
   */
  long size();

  /**
   * The bytes of the file.
   *
   * @throws java.io.UncheckedIOException if the object database cannot be read
   * @return the bytes of the file
   */
  byte[] content();

  /**
   * Whether this entry is a symbolic link in the Git tree (its content is the link's target).
   * Loaders never follow links: a link a manifest or a kustomization reaches is a problem.
   *
   * @return whether this entry is a symbolic link in the Git tree (its content is the link's
   *     target)
   */
  default boolean symlink() {
    return false;
  }
}
