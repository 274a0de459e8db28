package dev.gitops4j.api.secrets;

import io.vavr.control.Either;

/**
 * Resolves {@link SecretRef}s of one scheme to {@link Secret} values. Implement it to read secrets
 * from a store GitOps4J does not know; it needs {@code gitops-api} alone.
 */
public interface SecretProvider {
  /** The scheme this provider answers, such as {@code env}. */
  String scheme();

  /**
   * The secret for {@code ref}, or a message saying why it cannot be had. The message must not
   * contain secret values.
   */
  Either<String, Secret> resolve(SecretRef ref);
}
