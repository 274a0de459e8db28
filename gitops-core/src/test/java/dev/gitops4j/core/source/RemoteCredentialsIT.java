package dev.gitops4j.core.source;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.GitFixture;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private remotes: SSH with a key and known_hosts, HTTPS basic and bearer, no secret in messages.
 */
class RemoteCredentialsIT {
  private static final String PASSPHRASE = "correct horse battery";
  private static final String TOKEN = "tok-3f9a1c-never-printed";

  @TempDir Path tmp;
  Path bare;
  String head;

  @BeforeEach
  void repository() throws Exception {
    try (GitFixture git = GitFixture.create(tmp.resolve("work"))) {
      git.write("app.yaml", manifest("ConfigMap", "prod", "app", "data:\n  v: \"1\"\n"));
      head = git.commit("first");
    }
    bare = tmp.resolve("srv/infra.git");
    Git.cloneRepository()
        .setURI(tmp.resolve("work").toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
  }

  private Path sshKey() throws Exception {
    Path key = tmp.resolve("id_ecdsa");
    run(
        tmp,
        "ssh-keygen",
        "-q",
        "-t",
        "ecdsa",
        "-b",
        "256",
        "-N",
        PASSPHRASE,
        "-C",
        "t",
        "-f",
        key.toString());
    return key;
  }

  @Test
  void clonesOverSshWithAnEncryptedKeyAndKnownHosts() throws Exception {
    Path key = sshKey();
    try (SshGitServer server = new SshGitServer(bare, "git", Path.of(key + ".pub"))) {
      Path knownHosts =
          Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
      String url = "ssh://git@127.0.0.1:" + server.port() + "/infra.git";
      try (GitRepository repo =
          GitRepository.remote(url, tmp.resolve("cache"))
              .credentials(
                  Credentials.ssh(key, knownHosts).withPassphrase(Secret.of(PASSPHRASE)))) {
        Either<Problem, Revision> rev = repo.resolve();
        assertThat(rev.isRight()).as(String.valueOf(rev)).isTrue();
        assertThat(rev.get().commit()).isEqualTo(head);
        assertThat(repo.checkout(rev.get()).get().files().keySet()).containsExactly("app.yaml");
        assertThat(repo.toString()).doesNotContain(PASSPHRASE);
      }
    }
  }

  @Test
  void refusesAnUnknownHostKey() throws Exception {
    Path key = sshKey();
    try (SshGitServer server = new SshGitServer(bare, "git", Path.of(key + ".pub"));
        SshGitServer other = new SshGitServer(bare, "git", Path.of(key + ".pub"))) {
      // known_hosts names this port with another server's key, then an empty file
      String wrongKey =
          other.knownHostsLine().replace(":" + other.port() + "]", ":" + server.port() + "]");
      for (String knownHostsText : new String[] {wrongKey + "\n", ""}) {
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), knownHostsText);
        String url = "ssh://git@127.0.0.1:" + server.port() + "/infra.git";
        try (GitRepository repo =
            GitRepository.remote(url, tmp.resolve("cache-" + knownHostsText.length()))
                .credentials(
                    Credentials.ssh(key, knownHosts).withPassphrase(Secret.of(PASSPHRASE)))) {
          Either<Problem, Revision> rev = repo.resolve();
          assertThat(rev.isLeft()).as("host key must be refused").isTrue();
          assertThat(rev.getLeft().rule()).isEqualTo("repository-unreachable");
          assertThat(rev.getLeft().toString()).doesNotContain(PASSPHRASE);
        }
        assertThat(tmp.resolve("known_hosts")).hasContent(knownHostsText.strip());
      }
      // without credentials: the user's ~/.ssh/known_hosts, where this fresh key cannot be
      try (GitRepository repo =
          GitRepository.remote(
              "ssh://git@127.0.0.1:" + server.port() + "/infra.git", tmp.resolve("cache-none"))) {
        assertThat(repo.resolve().getLeft().rule()).isEqualTo("repository-unreachable");
      }
    }
  }

  @Test
  void wrongPassphraseIsAProblemWithoutThePassphrase() throws Exception {
    Path key = sshKey();
    try (SshGitServer server = new SshGitServer(bare, "git", Path.of(key + ".pub"))) {
      Path knownHosts =
          Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
      String url = "ssh://git@127.0.0.1:" + server.port() + "/infra.git";
      try (GitRepository repo =
          GitRepository.remote(url, tmp.resolve("cache"))
              .credentials(
                  Credentials.ssh(key, knownHosts)
                      .withPassphrase(Secret.of("wrong-" + PASSPHRASE)))) {
        Either<Problem, Revision> rev = repo.resolve();
        assertThat(rev.isLeft()).isTrue();
        assertThat(rev.getLeft().toString()).doesNotContain(PASSPHRASE);
      }
    }
  }

  @Test
  void httpsBasicAndBearerAreSentAndATokenNeverPrinted() throws Exception {
    run(bare, "git", "update-server-info");
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString(("ci:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    String bearer = "Bearer " + TOKEN;
    HttpServer http =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/infra.git/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          Path file =
              bare.resolve(exchange.getRequestURI().getPath().substring("/infra.git/".length()))
                  .normalize();
          if (!basic.equals(auth) && !bearer.equals(auth)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
          } else if (!file.startsWith(bare) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/infra.git";
      try (GitRepository repo =
          GitRepository.remote(url, tmp.resolve("basic"))
              .credentials(Credentials.basic("ci", Secret.of(TOKEN)))) {
        assertThat(repo.resolve().get().commit()).isEqualTo(head);
      }
      try (GitRepository repo =
          GitRepository.remote(url, tmp.resolve("bearer"))
              .credentials(Credentials.bearer(Secret.of(TOKEN)))) {
        assertThat(repo.resolve().get().commit()).isEqualTo(head);
      }
      try (GitRepository repo =
          GitRepository.remote(url, tmp.resolve("wrong"))
              .credentials(Credentials.bearer(Secret.of("x" + TOKEN)))) {
        Either<Problem, Revision> rev = repo.resolve();
        assertThat(rev.isLeft()).isTrue();
        assertThat(rev.getLeft().rule()).isEqualTo("repository-unreachable");
        assertThat(rev.getLeft().toString()).doesNotContain(TOKEN);
      }
      String withUserInfo = url.replace("://", "://ci:" + TOKEN + "@");
      try (GitRepository repo = GitRepository.remote(withUserInfo, tmp.resolve("userinfo"))) {
        assertThat(repo.resolve().get().commit()).isEqualTo(head);
        assertThat(repo.describe()).doesNotContain(TOKEN).contains("127.0.0.1");
        assertThat(repo.toString()).doesNotContain(TOKEN);
      }
      try (GitRepository repo =
          GitRepository.remote(withUserInfo.replace(TOKEN, TOKEN + "-bad"), tmp.resolve("bad"))) {
        assertThat(repo.resolve().getLeft().toString()).doesNotContain(TOKEN);
      }
    } finally {
      http.stop(0);
    }
    assertThat(Credentials.basic("ci", Secret.of(TOKEN)).toString()).doesNotContain(TOKEN);
    assertThat(Credentials.bearer(Secret.of(TOKEN)).toString()).doesNotContain(TOKEN);
  }

  static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
