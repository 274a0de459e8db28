package dev.gitops4j.api.secrets;

import io.vavr.control.Either;

/**
 * Resolves {@link SecretRef}s of one scheme to {@link Secret} values. Implement it to read secrets
 * from a store GitOps4J does not know; it needs {@code gitops-api} alone.
 *
 * <p>Manifests refer to a secret with a string that is exactly {@code ${secret:SCHEME:KEY}}, for
 * example {@code password: ${secret:env:DB_PASSWORD}}; the value becomes secret text that plans,
 * events and logs show redacted. A reference that cannot be resolved is a validation problem, so
 * nothing is applied.
 */
public interface SecretProvider {
  /**
   * The scheme this provider answers, such as {@code env}.
   *
   * @return the scheme this provider answers, such as {@code env}
   */
  String scheme();

  /**
   * The secret for {@code ref}, or a message saying why it cannot be had. The message must not
   * contain secret values.
   *
   * @param ref a reference of this provider's scheme
   * @return the secret for {@code ref}, or a message saying why it cannot be had
   */
  Either<String, Secret> resolve(SecretRef ref);

  /**
   * Like {@link #resolve(SecretRef)}, with the snapshot's files at hand; the default ignores them.
   *
   * @param ref a reference of this provider's scheme
   * @param context the files of the revision being resolved
   * @return the secret for {@code ref}, or a message saying why it cannot be had
   */
  default Either<String, Secret> resolve(SecretRef ref, SecretContext context) {
    return resolve(ref);
  }
}
