package dev.gitops4j.api.secrets;

import io.vavr.control.Option;

/**
 * What a {@link SecretProvider} may read while resolving references of one revision: the files of
 * the snapshot being loaded, by path from the repository root.
 */
@FunctionalInterface
public interface SecretContext {
  /** No files: for providers that read from outside the repository. */
  SecretContext NONE = path -> Option.none();

  /**
   * The bytes of a file in the snapshot, if it exists.
   *
   * @param path the path from the repository root
   * @return the bytes of a file in the snapshot, if it exists
   */
  Option<byte[]> file(String path);
}
