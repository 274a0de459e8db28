package dev.gitops4j.core.secrets;

import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.secrets.SecretProvider;
import dev.gitops4j.api.secrets.SecretRef;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Objects;

/** Secrets from a fixed map, for tests: {@code ${secret:SCHEME:KEY}} with a scheme you choose. */
public final class StaticSecretProvider implements SecretProvider {
  private final String scheme;
  private final Map<String, Secret> values;

  private StaticSecretProvider(String scheme, Map<String, Secret> values) {
    this.scheme = scheme;
    this.values = values;
  }

  /**
   * A provider for scheme {@code static}.
   *
   * @param values secret values by key, copied; for tests and examples, never real secrets in code
   * @return a provider answering {@code ${secret:static:KEY}}
   */
  public static StaticSecretProvider of(Map<String, String> values) {
    return of("static", values);
  }

  /**
   * A provider for the given scheme.
   *
   * @param scheme the scheme it answers, the {@code SCHEME} of {@code ${secret:SCHEME:KEY}}
   * @param values secret values by key, copied
   * @return a provider whose unknown keys are a problem
   */
  public static StaticSecretProvider of(String scheme, Map<String, String> values) {
    java.util.Map<String, Secret> secrets = new java.util.HashMap<>();
    Objects.requireNonNull(values).forEach((k, v) -> secrets.put(k, Secret.of(v)));
    return new StaticSecretProvider(scheme, Map.copyOf(secrets));
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public Either<String, Secret> resolve(SecretRef ref) {
    Secret s = values.get(ref.key());
    return s == null ? Either.left("no secret named '" + ref.key() + "'") : Either.right(s);
  }

  @Override
  public String toString() {
    return "StaticSecretProvider[" + scheme + ", " + values.size() + " secrets]";
  }
}
