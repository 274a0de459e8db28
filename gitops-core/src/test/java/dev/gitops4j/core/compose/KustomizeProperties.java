package dev.gitops4j.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated layouts: equal to kubectl kustomize, deterministic, independent of file order. */
class KustomizeProperties {
  @Provide
  Arbitrary<Layouts> layouts() {
    return Layouts.arbitrary();
  }

  @Property(tries = 25, seed = "12")
  void generatedLayoutsMatchKubectl(@ForAll("layouts") Layouts layout) throws IOException {
    Assume.that(Peer.available());
    Path dir = Files.createTempDirectory("layout");
    try (GitFixture git = GitFixture.create(dir)) {
      layout.files().forEach(git::write);
      git.commit("layout");
      var theirs = Peer.kubectl(dir.resolve("app"));
      var ours = Peer.ours(dir, "app");
      assertThat(theirs.isRight()).as("kubectl: %s", theirs).isTrue();
      assertThat(ours.isValid())
          .as("problems: %s", ours.isInvalid() ? ours.getError() : "")
          .isTrue();
      if (!ours.get().equals(theirs.get())) {
        Path report = Files.createDirectories(Path.of("target", "peer-failure"));
        Files.writeString(
            report.resolve("ours.yaml"), ours.get().map(Documents::toYaml).mkString("---\n"));
        Files.writeString(
            report.resolve("kubectl.yaml"), theirs.get().map(Documents::toYaml).mkString("---\n"));
      }
      assertThat(ours.get())
          .withFailMessage(
              "layout %s%nours:%n%s%nkubectl:%n%s",
              layout,
              ours.get().map(Documents::toYaml).mkString("---\n"),
              theirs.get().map(Documents::toYaml).mkString("---\n"))
          .isEqualTo(theirs.get());
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Property(tries = 100)
  void renderingIsDeterministicAndIndependentOfFileOrder(
      @ForAll("layouts") Layouts layout, @ForAll("seeds") long seed) {
    Seq<Node> first = render(layout);
    Seq<Node> again = render(layout);
    List<Integer> shuffled = new java.util.ArrayList<>(layout.order());
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    Seq<Node> reordered = render(layout.withOrder(shuffled));
    assertThat(again).isEqualTo(first);
    assertThat(reordered).isEqualTo(first);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  private static Seq<Node> render(Layouts layout) {
    var out = Kustomize.create().render(MemorySnapshot.of("app", layout.files()), "app");
    assertThat(out.isValid()).as("%s", out).isTrue();
    return out.get().map(r -> (Node) r.body());
  }
}
