package dev.gitops4j.examples;

import static dev.gitops4j.testkit.GitOpsAssertions.assertThat;
import static dev.gitops4j.testkit.GitOpsAssertions.assertThatProblems;

import dev.gitops4j.core.GitOps;
import dev.gitops4j.testkit.GitOpsTest;
import dev.gitops4j.testkit.InMemoryRepository;
import dev.gitops4j.testkit.InMemoryTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sample repository in {@code infra/}, tested with nothing but the testkit: a commit creates
 * its resources, removing a file prunes them, a second reconcile is a no-op, and a bad manifest is
 * refused with file:line:rule, touching nothing. This is the test the README's "Testing your
 * infrastructure code" section shows.
 */
@GitOpsTest(path = "prod")
class InfraRepositoryTest {

  @Test
  void theSampleRepository(InMemoryRepository repo, InMemoryTarget target, GitOps gitops) {
    repo.commit("import infra").putAll(Path.of("infra")).done();
    assertThat(gitops.reconcile()).succeeded();
    assertThat(target)
        .holdsExactly(
            "Namespace/shop", "ConfigMap/shop/backend-settings", "Deployment/shop/backend")
        .holds("Deployment/shop/backend")
        .withField("/spec/replicas", 3);

    repo.commit("retire backend").delete("prod/backend.yaml").done();
    assertThat(gitops.reconcile()).succeeded();
    assertThat(target).holdsExactly("Namespace/shop");
    assertThat(gitops.reconcile()).isInSync();

    repo.commit("typo").put("prod/web.yaml", "kind: A\nmetadata: {name: a, name: b}\n").done();
    assertThatProblems(gitops.reconcile()).hasProblem("prod/web.yaml", 2, "duplicate-key");
    assertThat(target).holdsExactly("Namespace/shop");
  }

  /** The README shows the test above, as it is, with the imports it needs. */
  @Test
  void isTheTestTheReadmeShows() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/dev/gitops4j/examples/InfraRepositoryTest.java"));
    int start = source.indexOf("  @Test\n  void theSampleRepository");
    String method = source.substring(start, source.indexOf("\n  }\n", start) + 5);
    String readme = Files.readString(Path.of("../README.md"));
    org.assertj.core.api.Assertions.assertThat(readme)
        .contains("@GitOpsTest(path = \"prod\")\nclass InfraRepositoryTest {\n\n" + method);
    source
        .lines()
        .filter(
            l -> l.startsWith("import ") && !l.contains("IOException") && !l.contains(".Files;"))
        .forEach(l -> org.assertj.core.api.Assertions.assertThat(readme).contains(l + "\n"));
  }
}
