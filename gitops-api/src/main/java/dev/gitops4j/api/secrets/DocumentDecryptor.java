package dev.gitops4j.api.secrets;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Either;

/**
 * Decrypts manifests that are encrypted as a whole, as Flux users keep Kubernetes Secrets in SOPS
 * files. The loader keeps such a manifest encrypted; it is decrypted when the reconcile needs it,
 * and its encrypted values become secret text.
 */
public interface DocumentDecryptor {
  /**
   * Whether this manifest is encrypted in a form this decryptor reads.
   *
   * @param document a manifest as loaded, still encrypted
   * @return whether this manifest is encrypted in a form this decryptor reads
   */
  boolean isEncrypted(Node.Obj document);

  /**
   * The decrypted manifest, from the raw bytes of the file it was declared in, or a message (naming
   * what failed, never a value).
   *
   * @param path the file's path in the repository, for messages
   * @param file the raw bytes of the file
   * @return the decrypted manifest, from the raw bytes of the file it was declared in, or a message
   *     (naming what failed, never a value)
   */
  Either<String, Node.Obj> decrypt(String path, byte[] file);
}
