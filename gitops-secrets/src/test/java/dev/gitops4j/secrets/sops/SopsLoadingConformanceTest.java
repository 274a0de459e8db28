package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sops repository's YAML and JSON fixtures (see {@code sops/SOURCE.txt}) as the loader meets
 * them in a Git repository: each file reads exactly as PyYAML (JSON: Python's json) reads it, and
 * loading all of them at once, with the fixtures' key, reports only that they are not Kubernetes
 * manifests, one line per problem, never a parser error and never a secret value.
 */
class SopsLoadingConformanceTest {
  private static int ran;
  @TempDir Path tmp;

  private static Node.Obj expected() throws Exception {
    String json =
        new String(SopsFixturesTest.resource("expected.pyyaml.json"), StandardCharsets.UTF_8);
    return (Node.Obj) Documents.parse("expected.pyyaml.json", json).get().head();
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureReadsAsPyYamlReadsIt() throws Exception {
    Node.Obj expected = expected();
    assertThat(expected.fields().size()).isEqualTo(16);
    List<DynamicTest> tests = new ArrayList<>();
    for (var entry : expected.fields()) {
      String path = entry._1;
      tests.add(
          DynamicTest.dynamicTest(
              path,
              () -> {
                String text = new String(SopsFixturesTest.resource(path), StandardCharsets.UTF_8);
                var docs = Documents.parse(path, text);
                assertThat(docs.isRight()).as("%s", docs).isTrue();
                assertThat(docs.get().toJavaList())
                    .isEqualTo(((Node.Arr) entry._2).items().toJavaList());
                ran++;
              }));
    }
    return tests.stream();
  }

  @Test
  void loadedTogetherTheyAreNotManifestsAndSayNothingSecret() throws Exception {
    Node.Obj expected = expected();
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (String path : expected.fields().keySet()) {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, SopsFixturesTest.resource(path));
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("sops fixtures").setSign(false).call();
    }
    Seq<Problem> problems;
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(repo))
            .secrets(SopsSecrets.of(SopsFixturesTest.keys()))
            .build()) {
      var result = gitops.validate();
      assertThat(result.isInvalid()).as("%s", result).isTrue();
      problems = result.getError();
    }
    Set<String> files = problems.map(Problem::file).toJavaSet();
    Set<String> manifests =
        expected
            .fields()
            .keySet()
            .toJavaStream()
            .filter(p -> !p.startsWith(".") && !p.contains("/."))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(files).as("every fixture but the dot-file .sops.yaml").isEqualTo(manifests);
    for (Problem p : problems) {
      assertThat(p.rule()).as("%s", p).isEqualTo("missing-field");
      assertThat(p.toString())
          .doesNotContain("\n")
          .doesNotContain("t00m4nys3cr3tzupdated")
          .doesNotContain("ENC[");
      assertThat(p.line()).as("%s", p).isPositive();
    }
    ran += manifests.size();
  }

  @AfterAll
  static void report() {
    System.out.println("SOPS fixtures through the loader: " + ran + " cases ran");
  }
}
