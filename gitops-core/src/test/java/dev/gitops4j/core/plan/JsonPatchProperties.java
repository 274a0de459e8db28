package dev.gitops4j.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.PatchOperation;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The patch the planner computes always turns the actual document into the desired one, and stays
 * minimal for the edits people make most: one element inserted into or removed from a list.
 */
class JsonPatchProperties {

  @Property(tries = 1500)
  void applyingTheDiffGivesTheTarget(@ForAll("docs") Node a, @ForAll("docs") Node b) {
    Seq<PatchOperation> patch = JsonPatch.diff(a, b);
    Node result = JsonPatch.apply(a, patch).get();
    assertThat(JsonPatch.jsonEquals(result, b)).as("%s -> %s gave %s", a, b, result).isTrue();
    assertThat(JsonPatch.diff(b, b)).isEmpty();
  }

  @Property(tries = 1000)
  void shiftedArraysPatchExactly(@ForAll("lists") Vector<Node> a, @ForAll("lists") Vector<Node> b) {
    Node x = Node.obj("spec", Node.obj("items", new Node.Arr(a)));
    Node y = Node.obj("spec", Node.obj("items", new Node.Arr(b.appendAll(a))));
    for (DiffOptions o : new DiffOptions[] {DiffOptions.defaults(), DiffOptions.positional()}) {
      Node result = JsonPatch.apply(x, JsonPatch.diff(x, y, o)).get();
      assertThat(JsonPatch.jsonEquals(result, y)).isTrue();
      assertThat(JsonPatch.diff(x, y, o).size()).isLessThanOrEqualTo(b.size());
    }
  }

  @Property(tries = 1000)
  void oneInsertedElementIsOneOperation(
      @ForAll("lists") Vector<Node> list,
      @ForAll("docs") Node element,
      @ForAll @IntRange(min = 0, max = 1000) int at) {
    int i = at % (list.size() + 1);
    Node before = Node.obj("spec", Node.obj("items", new Node.Arr(list)));
    Node after = Node.obj("spec", Node.obj("items", new Node.Arr(list.insert(i, element))));
    Seq<PatchOperation> patch = JsonPatch.diff(before, after);
    assertThat(patch).hasSize(1);
    assertThat(patch.head().op()).isEqualTo(PatchOperation.Op.ADD);
    assertThat(JsonPatch.jsonEquals(JsonPatch.apply(before, patch).get(), after)).isTrue();
  }

  @Property(tries = 1000)
  void oneRemovedElementIsOneOperation(
      @ForAll("lists") Vector<Node> list, @ForAll @IntRange(min = 0, max = 1000) int at) {
    if (list.isEmpty()) {
      return;
    }
    int i = at % list.size();
    Node before = new Node.Arr(list);
    Node after = new Node.Arr(list.removeAt(i));
    Seq<PatchOperation> patch = JsonPatch.diff(before, after);
    assertThat(patch).hasSize(1);
    assertThat(patch.head().op()).isEqualTo(PatchOperation.Op.REMOVE);
    assertThat(JsonPatch.jsonEquals(JsonPatch.apply(before, patch).get(), after)).isTrue();
  }

  @Provide
  Arbitrary<Node> docs() {
    return node(3);
  }

  @Provide
  Arbitrary<Vector<Node>> lists() {
    Arbitrary<Node> named =
        Arbitraries.of("web", "db", "cache", "log", "web")
            .flatMap(n -> node(1).map(v -> (Node) Node.obj("name", Node.str(n), "v", v)));
    return Arbitraries.oneOf(node(2), named).list().ofMaxSize(12).map(Vector::ofAll);
  }

  private Arbitrary<Node> node(int depth) {
    Arbitrary<Node> scalar =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "", "~/x", "ü€😀", "~01").map(Node::str),
            Arbitraries.integers().between(0, 3).map(i -> (Node) Node.num(i)),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                .map(i -> (Node) new Node.Int(i)),
            Arbitraries.of("1.5", "1e400", "-0.000000000000000000001", "2.50")
                .map(s -> (Node) Node.num(new BigDecimal(s))),
            Arbitraries.of(Node.bool(true), Node.bool(false), Node.nil()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Node> child = Arbitraries.lazy(() -> node(depth - 1));
    Arbitrary<Node> obj =
        Arbitraries.maps(Arbitraries.of("a", "b", "c/d", "e~f", "~1", "名前", "name", ""), child)
            .ofMaxSize(4)
            .map(m -> new Node.Obj(LinkedHashMap.ofAll(m)));
    Arbitrary<Node> arr = child.list().ofMaxSize(6).map(l -> new Node.Arr(Vector.ofAll(l)));
    return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(3, obj), Tuple.of(3, arr));
  }
}
