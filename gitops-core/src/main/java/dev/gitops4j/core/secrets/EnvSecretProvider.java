package dev.gitops4j.core.secrets;

import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.secrets.SecretProvider;
import dev.gitops4j.api.secrets.SecretRef;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Objects;

/** Secrets from environment variables: {@code ${secret:env:NAME}}. */
public final class EnvSecretProvider implements SecretProvider {
  private final Map<String, String> env;

  private EnvSecretProvider(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Reads the process environment.
   *
   * @return a provider reading the process environment
   */
  public static EnvSecretProvider system() {
    return new EnvSecretProvider(System.getenv());
  }

  /**
   * Reads the given map as if it were the environment (for tests).
   *
   * @param env variables by name
   * @return a provider reading {@code env}
   */
  public static EnvSecretProvider of(Map<String, String> env) {
    return new EnvSecretProvider(Map.copyOf(Objects.requireNonNull(env)));
  }

  @Override
  public String scheme() {
    return "env";
  }

  @Override
  public Either<String, Secret> resolve(SecretRef ref) {
    String value = env.get(ref.key());
    return value == null
        ? Either.left("environment variable " + ref.key() + " is not set")
        : Either.right(Secret.of(value));
  }

  @Override
  public String toString() {
    return "EnvSecretProvider";
  }
}
