package dev.gitops4j.core.source;

import dev.gitops4j.api.secrets.Secret;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link GitRepository} authenticates to a remote: nothing, HTTPS basic or bearer
 * authentication, or an SSH key checked against a {@code known_hosts} file.
 *
 * <p>Passwords, tokens and passphrases are {@link Secret}s, so these values print redacted and
 * never reach a message, a log line or an event. SSH connections refuse a host whose key is not in
 * the known-hosts file (there is no "accept new" mode), like {@code StrictHostKeyChecking yes}.
 *
 * <pre>{@code
 * GitRepository.remote("https://git.example.com/infra.git")
 *     .credentials(Credentials.bearer(Secret.of(System.getenv("GIT_TOKEN"))));
 * GitRepository.remote("ssh://git@git.example.com/infra.git")
 *     .credentials(Credentials.ssh(Path.of("deploy_key"), Path.of("known_hosts"))
 *         .withPassphrase(Secret.of(passphrase)));
 * }</pre>
 */
public sealed interface Credentials {
  /**
   * No credentials: public HTTPS, {@code file://}, or SSH with the user's default keys in {@code
   * ~/.ssh} and its {@code known_hosts} (unknown hosts are refused here too).
   *
   * @return the shared "no credentials" value
   */
  static Credentials none() {
    return None.INSTANCE;
  }

  /**
   * HTTPS basic authentication (for most Git hosts: any user name and a token as password).
   *
   * @param username the user name; not blank
   * @param password the password or access token; kept redacted
   * @return basic credentials
   * @throws IllegalArgumentException if {@code username} is blank
   */
  static Credentials basic(String username, Secret password) {
    return new Basic(username, password);
  }

  /**
   * HTTPS {@code Authorization: Bearer} token.
   *
   * @param token the token sent in the header; kept redacted
   * @return bearer credentials
   */
  static Credentials bearer(Secret token) {
    return new Bearer(token);
  }

  /**
   * An SSH private key (OpenSSH or PEM format) and the {@code known_hosts} file to trust.
   *
   * @param privateKey the private key file, read when connecting; add a passphrase with {@link
   *     Ssh#withPassphrase} if it is encrypted
   * @param knownHosts the only host keys trusted; a host not in it is refused
   * @return SSH credentials without a passphrase
   */
  static Ssh ssh(Path privateKey, Path knownHosts) {
    return new Ssh(Option.of(privateKey), Option.none(), Option.of(knownHosts));
  }

  /** No credentials. */
  enum None implements Credentials {
    /** The single instance. */
    INSTANCE;

    @Override
    public String toString() {
      return "Credentials.none";
    }
  }

  /**
   * HTTPS basic authentication.
   *
   * @param username the user name (may be any non-blank text for token-based hosts)
   * @param password the password or access token
   */
  record Basic(String username, Secret password) implements Credentials {
    /**
     * Checks that neither part is missing.
     *
     * @param username the user name (may be any non-blank text for token-based hosts)
     * @param password the password or access token
     * @throws IllegalArgumentException if {@code username} is blank
     */
    public Basic {
      Objects.requireNonNull(password, "password");
      if (Objects.requireNonNull(username, "username").isBlank()) {
        throw new IllegalArgumentException("username must not be blank");
      }
    }
  }

  /**
   * An HTTPS bearer token, sent as {@code Authorization: Bearer ...}.
   *
   * @param token the access token the host issued; kept redacted
   */
  record Bearer(Secret token) implements Credentials {
    /**
     * Checks that the token is there.
     *
     * @param token the access token the host issued
     */
    public Bearer {
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * SSH public-key authentication with strict host-key checking.
   *
   * @param privateKey the private key file; none to use the user's default keys in {@code ~/.ssh}
   * @param passphrase the key's passphrase, if it is encrypted
   * @param knownHosts the known-hosts file; none for {@code ~/.ssh/known_hosts}
   */
  record Ssh(Option<Path> privateKey, Option<Secret> passphrase, Option<Path> knownHosts)
      implements Credentials {
    /**
     * Checks that no part is null.
     *
     * @param privateKey the private key file; none to use the user's default keys in {@code ~/.ssh}
     * @param passphrase the key's passphrase, if it is encrypted
     * @param knownHosts the known-hosts file; none for {@code ~/.ssh/known_hosts}
     */
    public Ssh {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(passphrase, "passphrase");
      Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /**
     * The same key, decrypted with this passphrase.
     *
     * @param value the passphrase of the encrypted private key; replaces any earlier one
     * @return a copy of these credentials with the passphrase set
     */
    public Ssh withPassphrase(Secret value) {
      return new Ssh(
          privateKey, Option.of(Objects.requireNonNull(value, "passphrase")), knownHosts);
    }
  }
}
