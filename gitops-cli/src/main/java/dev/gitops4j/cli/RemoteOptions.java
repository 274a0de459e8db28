package dev.gitops4j.cli;

import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.core.source.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How to authenticate to a remote repository: {@code --ssh-key}, {@code --known-hosts}, {@code
 * --ssh-passphrase-env}, {@code --token-env}, {@code --token-user}, {@code --bearer}. Secrets are
 * read from environment variables, never from the command line.
 */
final class RemoteOptions {
  @Option(
      names = "--ssh-key",
      paramLabel = "F",
      description = "SSH private key for ssh:// and user@host: remotes.")
  @Nullable Path sshKey;

  @Option(
      names = "--known-hosts",
      paramLabel = "F",
      description =
          "known_hosts file the SSH server's key must be in (default ~/.ssh/known_hosts); unknown hosts are refused.")
  @Nullable Path knownHosts;

  @Option(
      names = "--ssh-passphrase-env",
      paramLabel = "VAR",
      description = "Environment variable holding the SSH key's passphrase.")
  @Nullable String sshPassphraseEnv;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      description =
          "Environment variable holding an HTTPS access token (sent as basic auth, or as a bearer token with --bearer).")
  @Nullable String tokenEnv;

  @Option(
      names = "--token-user",
      paramLabel = "U",
      description = "User name sent with the token in basic auth (default: git).")
  String tokenUser = "git";

  @Option(names = "--bearer", description = "Send the token as 'Authorization: Bearer'.")
  boolean bearer;

  /** The credentials the options describe; a missing file or variable is a usage error. */
  Credentials credentials() {
    if (tokenEnv != null && (sshKey != null || knownHosts != null)) {
      throw new IllegalArgumentException(
          "--token-env and --ssh-key/--known-hosts exclude each other");
    }
    if (tokenEnv != null) {
      String token = System.getenv(tokenEnv);
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("environment variable " + tokenEnv + " is not set");
      }
      return bearer
          ? Credentials.bearer(Secret.of(token))
          : Credentials.basic(tokenUser, Secret.of(token));
    }
    if (sshKey == null && knownHosts == null) {
      return Credentials.none();
    }
    Path home = Path.of(System.getProperty("user.home"), ".ssh");
    Path hosts = knownHosts != null ? knownHosts : home.resolve("known_hosts");
    for (Path f : sshKey == null ? new Path[] {hosts} : new Path[] {sshKey, hosts}) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f);
      }
    }
    Credentials.Ssh ssh =
        new Credentials.Ssh(
            io.vavr.control.Option.of(sshKey),
            io.vavr.control.Option.none(),
            io.vavr.control.Option.of(hosts));
    if (sshPassphraseEnv != null) {
      String passphrase = System.getenv(sshPassphraseEnv);
      if (passphrase == null) {
        throw new IllegalArgumentException(
            "environment variable " + sshPassphraseEnv + " is not set");
      }
      ssh = ssh.withPassphrase(Secret.of(passphrase));
    }
    return ssh;
  }
}
