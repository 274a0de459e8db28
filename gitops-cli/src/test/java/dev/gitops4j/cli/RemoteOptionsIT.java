package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.core.source.SshGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ssh-key} and {@code --known-hosts} against an SSH server on 127.0.0.1. */
class RemoteOptionsIT {
  @TempDir Path tmp;

  @Test
  void validatesOverSshAndRefusesAnUnknownHost() throws Exception {
    Path work = tmp.resolve("work");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.writeString(
          work.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("t")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    Path bare = tmp.resolve("infra.git");
    Git.cloneRepository()
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    Path key = tmp.resolve("id_ecdsa");
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor())
        .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
    try (SshGitServer server = new SshGitServer(bare, "git", Path.of(key + ".pub"))) {
      String url = "ssh://git@127.0.0.1:" + server.port() + "/infra.git";
      Path known = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
      CliRun ok =
          CliRun.of(
              "validate",
              "--repo",
              url,
              "--ssh-key",
              key.toString(),
              "--known-hosts",
              known.toString());
      assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
      assertThat(ok.out()).contains("valid: 1 resources");

      Path empty = Files.writeString(tmp.resolve("empty_known_hosts"), "");
      CliRun refused =
          CliRun.of(
              "validate",
              "--repo",
              url + "?",
              "--ssh-key",
              key.toString(),
              "--known-hosts",
              empty.toString());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.out()).contains("repository-unreachable");

      CliRun noEnv =
          CliRun.of("validate", "--repo", url, "--token-env", "GITOPS4J_TEST_UNSET_VARIABLE");
      assertThat(noEnv.code()).isEqualTo(64);
      assertThat(noEnv.err()).contains("GITOPS4J_TEST_UNSET_VARIABLE is not set");
    }
  }
}
