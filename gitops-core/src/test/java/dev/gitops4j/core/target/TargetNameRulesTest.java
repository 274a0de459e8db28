package dev.gitops4j.core.target;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target declares its name rules and validation checks them: what validates applies, and what a
 * {@link DirectoryTarget} cannot hold is a problem before anything is touched.
 */
class TargetNameRulesTest {
  @TempDir Path tmp;
  GitFixture git;
  Path out;

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
    out = tmp.resolve("out");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private GitOps gitops() {
    return GitOps.builder()
        .repository(GitRepository.local(git.dir()))
        .target(DirectoryTarget.at(out))
        .build();
  }

  private Seq<Problem> problemsOf(
      @org.jspecify.annotations.Nullable String namespace, String name) {
    git.write("a.yaml", manifest("ConfigMap", namespace, name, ""));
    git.commit("c");
    try (GitOps g = gitops()) {
      var result = g.reconcile();
      assertThat(result.isInvalid()).as("%s", result).isTrue();
      assertThat(out).doesNotExist();
      return result.getError();
    }
  }

  @Test
  void leadingDotIsRefusedAtValidation() {
    var problems = problemsOf(null, ".hidden");
    assertThat(problems.head().rule()).isEqualTo("target-name");
    assertThat(problems.head().line()).isEqualTo(1);
    assertThat(problems.head().message()).contains("must not start with '.'");
  }

  @Test
  void theClusterFolderIsNotANamespace() {
    var problems = problemsOf("_cluster", "a");
    assertThat(problems.head().rule()).isEqualTo("target-name");
    assertThat(problems.head().message()).contains("reserved");
  }

  @Test
  void namesPastTheFileNameLimitAreRefused() {
    assertThat(problemsOf(null, "a".repeat(251)).head().message()).contains("at most 250");
    assertThat(problemsOf("n", "é".repeat(126)).head().message()).contains("252 bytes");
  }

  @Test
  void everyNameThatValidatesApplies() throws Exception {
    String longest = "a".repeat(250);
    String wide = "é".repeat(125);
    git.write("a.yaml", manifest("ConfigMap", "n", longest, ""));
    git.write("b.yaml", manifest("ConfigMap", "n", wide, ""));
    git.commit("c");
    try (GitOps g = gitops()) {
      var result = g.reconcile();
      assertThat(result.isValid()).as("%s", result).isTrue();
      assertThat(result.get().status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    }
    assertThat(Files.exists(out.resolve("ConfigMap/n/" + longest + ".yaml"))).isTrue();
    DirectoryTarget target = DirectoryTarget.at(out);
    assertThat(target.observe().resources().keySet())
        .containsExactlyInAnyOrder(
            ResourceId.of("ConfigMap", "n", longest), ResourceId.of("ConfigMap", "n", wide));
  }

  @Test
  void theDefaultAcceptsEveryLoadedId() {
    dev.gitops4j.api.target.Target plain =
        new dev.gitops4j.api.target.Target() {
          @Override
          public dev.gitops4j.api.target.ActualState observe() {
            return dev.gitops4j.api.target.ActualState.EMPTY;
          }

          @Override
          public void put(ResourceId id, dev.gitops4j.api.model.Node.Obj document) {}

          @Override
          public void delete(ResourceId id) {}

          @Override
          public String describe() {
            return "plain";
          }
        };
    assertThat(plain.checkId(ResourceId.of("K", "_cluster", ".x"))).isEmpty();
  }
}
