package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.secrets.age.X25519Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest encrypted whole, as {@code sops} and {@code gitops4j sops encrypt} do by default (kind
 * and name included), is decrypted before its id is read.
 */
class WholeManifestTest {
  @TempDir Path tmp;
  final X25519Identity key = X25519Identity.generate();

  private Path repoWith(String extra) throws Exception {
    String yaml =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n"
            + extra
            + "stringData:\n  password: hunter2\n";
    byte[] sealed =
        Sops.encrypt(
            "secret.yaml",
            yaml.getBytes(StandardCharsets.UTF_8),
            SopsEncryptOptions.builder().ageRecipient(key.recipient()).build());
    assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("kind: Secret");
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.write(repo.resolve("secret.yaml"), sealed);
      Files.writeString(
          repo.resolve("app.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: prod\n"
              + "  annotations:\n    gitops4j.dev/depends-on: Secret/prod/db\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("c").setSign(false).call();
    }
    return repo;
  }

  @Test
  void decryptedBeforeItsIdIsRead() throws Exception {
    Path repo = repoWith("");
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(repo))
            .secrets(SopsSecrets.of(SopsKeys.age(List.of(key))))
            .build()) {
      var state = gitops.validate();
      assertThat(state.isValid()).as("%s", state).isTrue();
      var secret = state.get().resources().get(ResourceId.of("Secret", "prod", "db")).get();
      assertThat(secret.body().at("/kind")).contains(Node.str("Secret"));
      assertThat(secret.body().at("/stringData/password").get())
          .isInstanceOf(Node.SecretText.class);
      assertThat(secret.body().get("sops")).isEmpty();
    }
  }

  @Test
  void withoutKeysItIsOneClearProblem() throws Exception {
    Path repo = repoWith("");
    try (GitOps gitops = GitOps.builder().repository(GitRepository.local(repo)).build()) {
      var result = gitops.validate();
      assertThat(result.isInvalid()).as("%s", result).isTrue();
      var problems = result.getError();
      assertThat(problems).hasSize(1);
      assertThat(problems.head().rule()).isEqualTo("secret-decrypt");
      assertThat(problems.head().file()).isEqualTo("secret.yaml");
      assertThat(problems.head().toString()).doesNotContain("ENC[");
    }
  }

  @Test
  void withTheWrongKeyItIsOneProblemOnOneLine() throws Exception {
    Path repo = repoWith("");
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(repo))
            .secrets(SopsSecrets.of(SopsKeys.age(List.of(X25519Identity.generate()))))
            .build()) {
      var result = gitops.validate();
      assertThat(result.isInvalid()).as("%s", result).isTrue();
      var problems = result.getError();
      assertThat(problems).hasSize(1);
      assertThat(problems.head().rule()).isEqualTo("secret-decrypt");
      assertThat(problems.head().toString()).doesNotContain("\n").doesNotContain("hunter2");
    }
  }
}
