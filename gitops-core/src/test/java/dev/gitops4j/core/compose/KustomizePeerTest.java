package dev.gitops4j.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GitOps4J's composition against the real {@code kubectl kustomize} (kustomize v5.5.0) on the same
 * folders, compared as parsed documents in order. Skips, saying so, where kubectl is absent.
 */
class KustomizePeerTest {
  static final Path EXAMPLES = Path.of("..", "examples", "platform");

  @TempDir Path tmp;

  static Stream<Arguments> examples() {
    return Stream.of("base", "overlays/staging", "overlays/prod").map(Arguments::of);
  }

  @ParameterizedTest(name = "examples/platform/{0}")
  @MethodSource("examples")
  void exampleOverlaysMatchKubectl(String sub) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(EXAMPLES)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(EXAMPLES.relativize(p).toString(), Files.readString(p));
      }
    }
    compare(files, sub);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "deprecated patch fields, suffix, commonLabels, deletes", PeerCases.deprecated()),
        Arguments.of("generators, namespace, references, rbac", PeerCases.references()),
        Arguments.of("components, fifo order, selectors", PeerCases.components()),
        Arguments.of("shared base under two overlays, list kinds", PeerCases.sharedBase()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void handWrittenLayoutsMatchKubectl(String name, Map<String, String> files) throws IOException {
    compare(files, "app");
  }

  void compare(Map<String, String> files, String sub) throws IOException {
    Assumptions.assumeTrue(Peer.available(), "kubectl not found: peer comparison skipped");
    Path dir = Files.createTempDirectory(tmp, "repo");
    try (GitFixture git = GitFixture.create(dir)) {
      files.forEach(git::write);
      git.commit("layout");
      var theirs = Peer.kubectl(dir.resolve(sub));
      var ours = Peer.ours(dir, sub);
      assertThat(theirs.isRight()).as("kubectl: %s", theirs).isTrue();
      assertThat(ours.isValid())
          .as("problems: %s", ours.isInvalid() ? ours.getError() : "")
          .isTrue();
      Seq<Node> expected = theirs.get();
      assertThat(ours.get())
          .withFailMessage(
              "rendering of %s differs%nours:%n%s%nkubectl:%n%s",
              sub,
              ours.get().map(Documents::toYaml).mkString("---\n"),
              expected.map(Documents::toYaml).mkString("---\n"))
          .isEqualTo(expected);
    }
  }
}
