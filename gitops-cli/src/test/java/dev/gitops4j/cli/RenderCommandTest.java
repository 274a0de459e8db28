package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.core.load.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gitops4j render} on the example repository (examples/platform): each overlay prints the
 * checked-in expected YAML (examples/expected), composed, substituted and with the SOPS secret
 * decrypted but redacted.
 */
class RenderCommandTest {
  static final Path EXAMPLE = Path.of("..", "examples", "platform");
  static final Path EXPECTED = Path.of("..", "examples", "expected");

  @TempDir Path tmp;

  Path exampleRepo() throws Exception {
    Path dir = tmp.resolve("platform");
    try (Stream<Path> walk = Files.walk(EXAMPLE)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path to = dir.resolve(EXAMPLE.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("example")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    return dir;
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  void overlaysRenderTheCheckedInExpectedYaml(String overlay) throws Exception {
    Path repo = exampleRepo();
    CliRun run =
        CliRun.of(
            "render",
            "--repo",
            repo.toString(),
            "--path",
            "overlays/" + overlay,
            "--age-key",
            repo.resolve("keys/demo-age-key.txt").toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    String expected = Files.readString(EXPECTED.resolve("platform-" + overlay + ".yaml"));
    assertThat(Documents.parse("out", run.out()).get())
        .isEqualTo(Documents.parse("expected", expected).get());
    assertThat(run.out()).doesNotContain("example-only-not-a-real-password");
  }

  @Test
  void varAndVarsFileOverrideTheRepositoryAndUndefinedIsAProblem() throws Exception {
    Path repo = exampleRepo();
    Path vars = tmp.resolve("vars.env");
    Files.writeString(vars, "# overrides\nCLUSTER_NAME=from-file\nMAX_REPLICAS=20\n");
    CliRun run =
        CliRun.of(
            "render",
            "--repo",
            repo.toString(),
            "--path",
            "overlays/prod",
            "--age-key",
            repo.resolve("keys/demo-age-key.txt").toString(),
            "--vars-file",
            vars.toString(),
            "--var",
            "CLUSTER_NAME=from-flag");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("CLUSTER: from-flag").contains("maxReplicas: 20");

    Files.writeString(
        repo.resolve("overlays/staging/cluster-vars.yaml"),
        Files.readString(repo.resolve("overlays/staging/cluster-vars.yaml"))
            .replace("CLUSTER_NAME", "OTHER_NAME"));
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("break")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    CliRun broken = CliRun.of("validate", "--repo", repo.toString(), "--path", "overlays/staging");
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out())
        .contains("base/kustomization.yaml:")
        .contains("variable-undefined: variable CLUSTER_NAME is not defined");
  }

  @Test
  void namingPolicyOfTheRepositoryIsEnforced() throws Exception {
    Path repo = exampleRepo();
    Files.writeString(
        repo.resolve("base/serviceaccount.yaml"),
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: Web_Account\n");
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("bad name")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    CliRun run = CliRun.of("validate", "--repo", repo.toString(), "--path", "overlays/staging");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "base/serviceaccount.yaml:1: naming: name 'staging-Web_Account' is not kebab-case");
  }
}
