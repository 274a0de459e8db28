package dev.gitops4j.api.secrets;

import java.util.Objects;

/**
 * A reference to a secret held by a {@link SecretProvider}: the provider's scheme (such as {@code
 * env} or {@code sops}) and a key whose meaning the provider defines.
 *
 * @param scheme the scheme of the provider that resolves it
 * @param key what to resolve, in the provider's own terms
 */
public record SecretRef(String scheme, String key) {
  /**
   * Checks that no component is null.
   *
   * @param scheme the provider's scheme, such as {@code env}
   * @param key what the provider looks up
   */
  public SecretRef {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return scheme + ":" + key;
  }
}
