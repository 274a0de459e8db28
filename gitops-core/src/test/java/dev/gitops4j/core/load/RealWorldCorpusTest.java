package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files from public GitOps repositories (see {@code corpus/README.md}) load with zero problems, and
 * every body equals PyYAML's reading of the same bytes.
 */
class RealWorldCorpusTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"kube-prometheus", "flux2-kustomize-helm-example", "podinfo"})
  void loadsWithZeroFalseErrorsAndAsPyYamlReadsIt(String folder) throws Exception {
    Path source = Path.of(getClass().getResource("/corpus/" + folder).toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(source)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    try (GitFixture git = GitFixture.create(tmp.resolve(folder))) {
      for (Path f : files) {
        git.write(f.getFileName().toString(), Files.readAllBytes(f));
      }
      git.commit("corpus");
      var result = LoadSupport.load(git, ManifestLoader.create());
      assertThat(result.isValid()).as("%s", result).isTrue();

      String json =
          Files.readString(source.resolve("expected.pyyaml.json"), StandardCharsets.UTF_8);
      Node.Arr expected = (Node.Arr) Documents.parse("expected.json", json).get().head();
      Map<ResourceId, Node> byId = new HashMap<>();
      for (Node doc : expected.items()) {
        Node.Obj body = (Node.Obj) doc;
        byId.put(idOf(body), body);
      }
      var loaded = result.get().resources();
      assertThat(loaded.size()).isEqualTo(expected.items().size());
      for (var e : loaded) {
        assertThat(e._2.body()).as("%s", e._1).isEqualTo(byId.get(e._1));
      }
    }
  }

  private static ResourceId idOf(Node.Obj body) {
    String kind = body.at("/kind").flatMap(Node::asText).get();
    String name = body.at("/metadata/name").flatMap(Node::asText).get();
    return body.at("/metadata/namespace")
        .flatMap(Node::asText)
        .map(ns -> ResourceId.of(kind, ns, name))
        .getOrElse(() -> ResourceId.of(kind, name));
  }
}
