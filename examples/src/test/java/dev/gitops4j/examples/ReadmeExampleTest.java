package dev.gitops4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md, compiled and run; the test fails if the two drift apart. */
class ReadmeExampleTest {
  @TempDir Path tmp;

  static String example(Path repo, Path target) {
    StringBuilder log = new StringBuilder();
    // README:begin
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(repo).branch("main").path("prod"))
            .target(DirectoryTarget.at(target))
            .stateStore(FileStateStore.at(target.resolveSibling(".gitops4j")))
            .listener(event -> log.append(event).append('\n'))
            .build()) {
      Validation<Seq<Problem>, Plan> plan = gitops.plan(); // touches nothing
      if (plan.isInvalid()) {
        plan.getError().forEach(problem -> log.append(problem).append('\n'));
        return log.toString();
      }
      log.append(plan.get().effectiveChanges().size()).append(" changes planned\n");
      ReconcileResult result = gitops.reconcile().get();
      log.append(result.status()).append(" at ").append(result.revision()).append('\n');
    }
    // README:end
    return log.toString();
  }

  @Test
  void theReadmeExampleRunsAndMatchesTheReadme() throws Exception {
    Path repo = tmp.resolve("repo");
    copyTree(Path.of("infra"), repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("infra")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    String log = example(repo, tmp.resolve("target"));
    assertThat(log).contains("3 changes planned", "SUCCEEDED at");
    assertThat(tmp.resolve("target/Deployment/shop/backend.yaml")).exists();

    String source =
        Files.readString(Path.of("src/test/java/dev/gitops4j/examples/ReadmeExampleTest.java"));
    String snippet =
        dedent(
            source.substring(
                source.indexOf("// README:begin") + 16, source.indexOf("    // README:end")));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains(snippet);
  }

  private static String dedent(String block) {
    StringBuilder out = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      out.append(line.startsWith("    ") ? line.substring(4) : line.strip()).append('\n');
    }
    return out.toString().strip();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
