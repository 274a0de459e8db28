package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitFixture;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any set of manifests written to a repository, in any files, folders, formats and order, loads
 * back as exactly those resources.
 */
class LoadRoundTripProperties {

  @Property(tries = 40)
  void loadingGivesBackExactlyWhatWasWritten(
      @ForAll("manifests") List<Node.Obj> manifests, @ForAll @IntRange(max = 10_000) int layoutSeed)
      throws IOException {
    Map<ResourceId, Node.Obj> expected = new TreeMap<>();
    for (Node.Obj m : manifests) {
      expected.put(idOf(m), m);
    }
    Path dir = Files.createTempDirectory("gitops4j-prop");
    try (GitFixture git = GitFixture.create(dir)) {
      writeInRandomLayout(git, new ArrayList<>(expected.values()), new Random(layoutSeed));
      git.commit("generated");
      var loaded = LoadSupport.load(git, ManifestLoader.create());
      if (expected.isEmpty()) {
        assertThat(loaded.getError().map(p -> p.rule())).containsExactly("nothing-to-load");
        return;
      }
      DesiredState state = loaded.get();
      assertThat(state.resources().keySet().toJavaList())
          .containsExactlyElementsOf(expected.keySet());
      for (var e : expected.entrySet()) {
        assertThat(state.get(e.getKey()).get().body()).isEqualTo(e.getValue());
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void writeInRandomLayout(GitFixture git, List<Node.Obj> docs, Random random) {
    Collections.shuffle(docs, random);
    int i = 0;
    int file = 0;
    while (i < docs.size()) {
      String folder =
          random.nextBoolean()
              ? ""
              : "d" + random.nextInt(3) + "/" + (random.nextBoolean() ? "x/" : "");
      if (random.nextInt(4) == 0) {
        git.write(folder + "f" + file++ + ".json", Documents.toJson(docs.get(i++)));
        continue;
      }
      int n = 1 + random.nextInt(3);
      StringBuilder yaml = new StringBuilder(random.nextBoolean() ? "---\n" : "# generated\n");
      for (int k = 0; k < n && i < docs.size(); k++) {
        yaml.append(k == 0 ? "" : "---\n").append(Documents.toYaml(docs.get(i++)));
      }
      git.write(folder + "f" + file++ + (random.nextBoolean() ? ".yaml" : ".yml"), yaml.toString());
    }
  }

  private static ResourceId idOf(Node.Obj m) {
    String kind = m.at("/kind").get().asText().get();
    String name = m.at("/metadata/name").get().asText().get();
    return m.at("/metadata/namespace")
        .flatMap(Node::asText)
        .map(ns -> ResourceId.of(kind, ns, name))
        .getOrElse(() -> ResourceId.of(kind, name));
  }

  @Provide
  Arbitrary<List<Node.Obj>> manifests() {
    Arbitrary<String> kind = Arbitraries.of("ConfigMap", "Secret", "Service", "Deployment");
    Arbitrary<String> name =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars('-', '.')
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(s -> !s.equals(".") && !s.equals(".."));
    Arbitrary<String> namespace = Arbitraries.of("", "default", "prod", "kube-system");
    Arbitrary<Node.Obj> manifest =
        Combinators.combine(kind, namespace, name, data(2))
            .as(
                (k, ns, n, data) -> {
                  Node.Obj meta = Node.obj("name", Node.str(n));
                  if (!ns.isEmpty()) {
                    meta = meta.with("namespace", Node.str(ns));
                  }
                  return Node.obj(
                      "apiVersion",
                      Node.str("v1"),
                      "kind",
                      Node.str(k),
                      "metadata",
                      meta,
                      "data",
                      data);
                });
    return manifest.list().ofMaxSize(25);
  }

  private Arbitrary<Node> data(int depth) {
    Arbitrary<Node> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "",
                    "true",
                    "no",
                    "null",
                    "1",
                    "1.0",
                    "0x1F",
                    "a: b",
                    "#x",
                    " lead",
                    "ünï ☃",
                    "line\nbreak",
                    "~",
                    "*a",
                    "&b",
                    "- x")
                .map(Node::str),
            Arbitraries.strings().ofMaxLength(12).map(Node::str),
            Arbitraries.longs().map(Node::num),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(20), BigInteger.TEN.pow(22))
                .map(Node.Int::new),
            Arbitraries.bigDecimals()
                .between(BigDecimal.valueOf(-1e6), BigDecimal.valueOf(1e6))
                .ofScale(3)
                .map(d -> (Node) Node.num(d)),
            Arbitraries.of(true, false).map(Node::bool),
            Arbitraries.just(Node.nil()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Node> child = Arbitraries.lazy(() -> data(depth - 1));
    Arbitrary<Node> map =
        Arbitraries.maps(
                Arbitraries.strings()
                    .alpha()
                    .numeric()
                    .withChars('-', '.', '/', ' ')
                    .ofMinLength(1)
                    .ofMaxLength(8),
                child)
            .ofMaxSize(4)
            .map(m -> new Node.Obj(LinkedHashMap.ofAll(new TreeMap<>(m))));
    Arbitrary<Node> list = child.list().ofMaxSize(4).map(l -> new Node.Arr(Vector.ofAll(l)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar),
        net.jqwik.api.Tuple.of(2, map),
        net.jqwik.api.Tuple.of(1, list));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
