package dev.gitops4j.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;
import org.jspecify.annotations.Nullable;

/**
 * An SSH server on 127.0.0.1 (Apache MINA sshd) that serves {@code git-upload-pack} of one bare
 * repository to one user with one public key. Its host key is made fresh per instance.
 */
public final class SshGitServer implements AutoCloseable {
  private final SshServer sshd;
  private final KeyPair hostKey;

  public SshGitServer(Path bareRepo, String user, Path authorizedPublicKey) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    this.hostKey = gen.generateKeyPair();
    String line = Files.readString(authorizedPublicKey, StandardCharsets.UTF_8).trim();
    PublicKey allowed =
        PublicKeyEntry.parsePublicKeyEntry(line)
            .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setPublickeyAuthenticator(
        (username, key, session) -> username.equals(user) && KeyUtils.compareKeys(key, allowed));
    sshd.setCommandFactory((channel, command) -> new UploadPackCommand(bareRepo, command));
    sshd.start();
  }

  public int port() {
    return sshd.getPort();
  }

  /** A known_hosts line for this server. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  /** Runs {@code git-upload-pack} on the served repository, whatever path was asked for. */
  private static final class UploadPackCommand implements Command {
    private final Path repo;
    private final String command;
    private @Nullable InputStream in;
    private @Nullable OutputStream out;
    private @Nullable ExitCallback exit;

    UploadPackCommand(Path repo, String command) {
      this.repo = repo;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream value) {
      in = value;
    }

    @Override
    public void setOutputStream(OutputStream value) {
      out = value;
    }

    @Override
    public void setErrorStream(OutputStream value) {}

    @Override
    public void setExitCallback(ExitCallback value) {
      exit = value;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread t =
          new Thread(
              () -> {
                int code = 0;
                try (Repository git =
                    new FileRepositoryBuilder().setGitDir(repo.toFile()).setBare().build()) {
                  if (!command.startsWith("git-upload-pack")) {
                    throw new IOException("only git-upload-pack is served");
                  }
                  new UploadPack(git).upload(in, out, null);
                } catch (IOException e) {
                  code = 1;
                } finally {
                  try {
                    if (out != null) {
                      out.flush();
                    }
                  } catch (IOException ignored) {
                    // the client went away
                  }
                  if (exit != null) {
                    exit.onExit(code);
                  }
                }
              },
              "ssh-upload-pack");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
