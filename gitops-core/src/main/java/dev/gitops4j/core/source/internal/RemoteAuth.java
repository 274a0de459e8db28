package dev.gitops4j.core.source.internal;

import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.core.source.Credentials;
import io.vavr.control.Option;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link Credentials} to JGit's clone and fetch commands: a credentials provider for HTTPS
 * basic, an extra header for bearer tokens, and an Apache MINA SSH session factory that uses only
 * the given key and known-hosts file (or the defaults in {@code ~/.ssh} when none are given),
 * ignores {@code ~/.ssh/config} and refuses unknown hosts, whatever the credentials.
 */
public final class RemoteAuth implements AutoCloseable {
  private final Credentials credentials;
  private @Nullable SshdSessionFactory ssh;

  public RemoteAuth(Credentials credentials) {
    this.credentials = credentials;
  }

  /** Configures one clone, fetch or ls-remote command. */
  public synchronized <C extends TransportCommand<C, ?>> C configure(C command) {
    if (credentials instanceof Credentials.Basic b) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(b.username(), b.password().reveal()));
    }
    command.setTransportConfigCallback(this::configure);
    return command;
  }

  private void configure(Transport transport) {
    if (transport instanceof TransportHttp http && credentials instanceof Credentials.Bearer b) {
      http.setAdditionalHeaders(Map.of("Authorization", "Bearer " + b.token().reveal()));
    }
    if (transport instanceof SshTransport sshTransport) {
      Credentials.Ssh s =
          credentials instanceof Credentials.Ssh given
              ? given
              : new Credentials.Ssh(Option.none(), Option.none(), Option.none());
      sshTransport.setSshSessionFactory(sshFactory(s));
    }
  }

  private synchronized SshdSessionFactory sshFactory(Credentials.Ssh s) {
    if (ssh == null) {
      File home = new File(System.getProperty("user.home"));
      File sshDir = new File(home, ".ssh");
      List<Path> knownHosts =
          List.of(s.knownHosts().getOrElse(() -> sshDir.toPath().resolve("known_hosts")));
      Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      options.put("StrictHostKeyChecking", "yes");
      options.put("UserKnownHostsFile", knownHosts.get(0).toString());
      options.put("GlobalKnownHostsFile", knownHosts.get(0).toString());
      options.put("BatchMode", "yes");
      SshdSessionFactoryBuilder builder =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home)
              .setSshDirectory(sshDir)
              .setPreferredAuthentications("publickey")
              .setConfigStoreFactory((h, f, user) -> new FixedConfig(options))
              .setDefaultKnownHostsFiles(dir -> knownHosts)
              .setKeyPasswordProvider(cp -> new FixedPassphrase(s.passphrase().getOrNull()));
      if (s.privateKey().isDefined()) {
        List<Path> keys = List.of(s.privateKey().get());
        builder.setDefaultIdentities(dir -> keys);
      }
      ssh = builder.build(null);
    }
    return ssh;
  }

  @Override
  public synchronized void close() {
    if (ssh != null) {
      ssh.close();
      ssh = null;
    }
  }

  /** The same options for every host: what our credentials say, nothing from ~/.ssh/config. */
  private record FixedConfig(Map<String, String> options) implements SshConfigStore {
    @Override
    public HostConfig lookup(String hostName, int port, @Nullable String userName) {
      return new HostConfig() {
        @Override
        public @Nullable String getValue(String key) {
          return options.get(key);
        }

        @Override
        public List<String> getValues(String key) {
          String value = options.get(key);
          return value == null ? List.of() : List.of(value);
        }

        @Override
        public Map<String, String> getOptions() {
          return options;
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
          return Map.of();
        }
      };
    }

    @Override
    public HostConfig lookupDefault(String hostName, int port, @Nullable String userName) {
      return lookup(hostName, port, userName);
    }
  }

  /** Gives the configured passphrase once; a wrong one is not retried. */
  private static final class FixedPassphrase implements KeyPasswordProvider {
    private final @Nullable Secret passphrase;
    private int attempts = 1;

    FixedPassphrase(@Nullable Secret passphrase) {
      this.passphrase = passphrase;
    }

    @Override
    public char @Nullable [] getPassphrase(URIish uri, int attempt) {
      return passphrase == null ? null : passphrase.reveal().toCharArray();
    }

    @Override
    public void setAttempts(int maxNumberOfAttempts) {
      this.attempts = maxNumberOfAttempts;
    }

    @Override
    public int getAttempts() {
      return Math.min(attempts, 1);
    }

    @Override
    public boolean keyLoaded(URIish uri, int attempt, @Nullable Exception error) {
      return false;
    }
  }
}
