package dev.gitops4j.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The patch the planner computes always turns the actual document into the desired one. */
class JsonPatchProperties {

  @Property(tries = 500)
  void applyingTheDiffGivesTheTarget(@ForAll("docs") Node a, @ForAll("docs") Node b) {
    var patch = JsonPatch.diff(a, b);
    assertThat(JsonPatch.apply(a, patch).get()).isEqualTo(b);
    assertThat(JsonPatch.diff(b, b)).isEmpty();
  }

  @Provide
  Arbitrary<Node> docs() {
    return node(3);
  }

  private Arbitrary<Node> node(int depth) {
    Arbitrary<Node> scalar =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "", "~/x").map(Node::str),
            Arbitraries.integers().between(0, 3).map(i -> (Node) Node.num(i)),
            Arbitraries.of(Node.bool(true), Node.nil()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Node> child = Arbitraries.lazy(() -> node(depth - 1));
    Arbitrary<Node> obj =
        Arbitraries.maps(Arbitraries.of("a", "b", "c/d", "e~f"), child)
            .ofMaxSize(4)
            .map(m -> new Node.Obj(LinkedHashMap.ofAll(m)));
    Arbitrary<Node> arr = child.list().ofMaxSize(4).map(l -> new Node.Arr(Vector.ofAll(l)));
    return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(3, obj), Tuple.of(2, arr));
  }
}
