package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path tmp;

  private Path repoWith(String... pathsAndContents) throws Exception {
    Path dir = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        Path file = dir.resolve(pathsAndContents[i]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, pathsAndContents[i + 1]);
      }
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("test")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    return dir;
  }

  @Test
  void printsEveryProblemAndExitsOne() throws Exception {
    Path repo =
        repoWith(
            "a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n",
            "b.yaml", "apiVersion: v1\nmetadata:\n  name: x\n",
            "c/d.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: \"has/slash\"\n");
    CliRun run = CliRun.of("validate", "--repo", repo.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            "a.yaml:5: duplicate-key: key 'name' appears twice in the same mapping",
            "b.yaml:1: missing-field: kind is required",
            "c/d.yaml:4: invalid-name: metadata.name 'has/slash' must not contain '/'");
    assertThat(run.err()).contains("3 problems").doesNotContain("Exception");
  }

  @Test
  void validRepositoryExitsZeroAndRenders() throws Exception {
    Path repo =
        repoWith(
            "prod/a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: prod\ndata:\n  k: \"true\"\n",
            "dev/a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: dev\n");
    CliRun run =
        CliRun.of("validate", "--repo", repo.toString(), "--path", "prod", "--ref", "main");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("valid: 1 resources");
    CliRun render = CliRun.of("render", "--repo", repo.toString());
    assertThat(render.code()).isZero();
    assertThat(render.out())
        .isEqualTo(
            """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              namespace: dev
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              namespace: prod
            data:
              k: "true"
            """);
  }

  @Test
  void missingRefAndPathAreProblemsNotStackTraces() throws Exception {
    Path repo = repoWith("a.yaml", "apiVersion: v1\nkind: A\nmetadata:\n  name: a\n");
    CliRun run = CliRun.of("validate", "--repo", repo.toString(), "--ref", "nope");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("ref-not-found").contains("nope");
    run = CliRun.of("validate", "--repo", repo.toString(), "--path", "missing");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).startsWith("missing: path-not-found");
    run = CliRun.of("validate", "--repo", tmp.resolve("none").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("repository-not-found");
  }

  @Test
  void usageErrorsExit64() {
    assertThat(CliRun.of("validate").code()).isEqualTo(64);
    assertThat(CliRun.of("frobnicate").code()).isEqualTo(64);
    assertThat(CliRun.of().code()).isEqualTo(64);
  }

  @Test
  void aFileNameCannotForgeAProblemLine() throws Exception {
    Path repo =
        repoWith(
            "x\nforged.yaml:9: fake-rule: all is well\u2028.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a/b\"\n");
    CliRun run = CliRun.of("validate", "--repo", repo.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines()).hasSize(1);
    assertThat(run.out())
        .startsWith("x\\nforged.yaml:9: fake-rule: all is well\\u2028.yaml:4: invalid-name:");
  }

  @Test
  void anUnreadableKeyFileIsAnInputProblemNotAUsageError() throws Exception {
    Path repo = repoWith("a.yaml", "apiVersion: v1\nkind: A\nmetadata:\n  name: a\n");
    Path garbage = Files.writeString(tmp.resolve("garbage.txt"), "not a key\n");
    for (Path key : new Path[] {tmp.resolve("missing.txt"), garbage}) {
      CliRun run = CliRun.of("validate", "--repo", repo.toString(), "--age-key", key.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.out().lines()).singleElement().asString().contains("key-file");
    }
  }

  @Test
  void excludeLeavesFilesOut() throws Exception {
    Path repo =
        repoWith(
            "a.yaml", "apiVersion: v1\nkind: A\nmetadata:\n  name: a\n",
            "dashboards/d.json", "{\"title\": \"x\"}",
            "ci/build.yml", "stages: []\n");
    assertThat(CliRun.of("validate", "--repo", repo.toString()).code()).isEqualTo(1);
    for (String command : new String[] {"validate", "render"}) {
      CliRun run =
          CliRun.of(
              command, "--repo", repo.toString(), "--exclude", "dashboards/", "--exclude", "*.yml");
      assertThat(run.code()).as(run.out()).isZero();
    }
  }
}
