package dev.gitops4j.secrets.sops;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.secrets.DocumentDecryptor;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.secrets.SecretContext;
import dev.gitops4j.api.secrets.SecretProvider;
import dev.gitops4j.api.secrets.SecretRef;
import dev.gitops4j.secrets.age.Identities;
import dev.gitops4j.secrets.pgp.PgpException;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SOPS for the reconcile: decrypts SOPS-encrypted manifests (a Kubernetes Secret kept as Flux users
 * keep it) and resolves {@code ${secret:sops:PATH#/POINTER}} references to values in SOPS files of
 * the same Git snapshot.
 *
 * <pre>{@code
 * GitOps.builder()...secrets(SopsSecrets.withAgeIdentities(Path.of("keys.txt")))...
 * }</pre>
 */
public final class SopsSecrets implements SecretProvider, DocumentDecryptor {
  private final SopsKeys keys;

  private SopsSecrets(SopsKeys keys) {
    this.keys = keys;
  }

  /**
   * With these keys.
   *
   * @param keys the keys that open the repository's SOPS files
   * @return SOPS secrets with these keys
   */
  public static SopsSecrets of(SopsKeys keys) {
    return new SopsSecrets(keys);
  }

  /**
   * With the age identities of an identity file.
   *
   * @param identityFile an age identity file, one identity a line
   * @return SOPS secrets with these identities
   */
  public static SopsSecrets withAgeIdentities(Path identityFile) {
    try {
      return new SopsSecrets(SopsKeys.age(Identities.readFile(identityFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading age identities from " + identityFile, e);
    }
  }

  /**
   * With an armored OpenPGP secret key ring and its passphrase (empty when unprotected).
   *
   * @param keyRing an armored or binary OpenPGP secret key ring
   * @param passphrase its passphrase, empty when unprotected
   * @return SOPS secrets with these keys
   * @throws dev.gitops4j.secrets.pgp.PgpException when the file is not a secret key ring or the
   *     passphrase is wrong
   */
  public static SopsSecrets withPgpKeys(Path keyRing, String passphrase) throws PgpException {
    try {
      return new SopsSecrets(
          SopsKeys.pgp(PgpSecretKeys.read(Files.readAllBytes(keyRing), passphrase)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading OpenPGP keys from " + keyRing, e);
    }
  }

  @Override
  public String scheme() {
    return "sops";
  }

  @Override
  public Either<String, Secret> resolve(SecretRef ref) {
    return Either.left("a sops reference is resolved against the files of a Git snapshot");
  }

  @Override
  public Either<String, Secret> resolve(SecretRef ref, SecretContext context) {
    int hash = ref.key().indexOf('#');
    if (hash < 0) {
      return Either.left("a sops reference is PATH#/POINTER, such as secrets/db.yaml#/password");
    }
    String path = ref.key().substring(0, hash);
    String pointer = ref.key().substring(hash + 1);
    var file = context.file(path);
    if (file.isEmpty()) {
      return Either.left("no file " + path + " in this revision");
    }
    try {
      return Sops.decrypt(path, file.get(), keys)
          .get(pointer)
          .<Either<String, Secret>>map(Either::right)
          .getOrElse(() -> Either.left("no value at " + pointer + " in " + path));
    } catch (SopsException e) {
      return Either.left(e.getMessage());
    }
  }

  /** Whether a manifest carries SOPS metadata (a {@code sops} mapping with a MAC). */
  @Override
  public boolean isEncrypted(Node.Obj document) {
    return document
        .get("sops")
        .exists(
            s ->
                s instanceof Node.Obj o
                    && (o.get("mac").isDefined() || o.get("lastmodified").isDefined()));
  }

  @Override
  public Either<String, Node.Obj> decrypt(String path, byte[] file) {
    try {
      Node node = Sops.decrypt(path, file, keys).toNode();
      return node instanceof Node.Obj o ? Either.right(o) : Either.left(path + ": not a mapping");
    } catch (SopsException e) {
      return Either.left(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "SopsSecrets[" + keys + "]";
  }
}
