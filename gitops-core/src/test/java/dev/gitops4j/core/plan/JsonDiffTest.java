package dev.gitops4j.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.core.plan.internal.Myers;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Examples of minimal array patches: the shapes reviewers meet in real manifests. */
class JsonDiffTest {

  private static Node.Arr ints(int from, int to) {
    return new Node.Arr(Vector.range(from, to).map(i -> (Node) Node.num(i)));
  }

  @Test
  void shrinkingA64kListByOneElementIsOneOperation() {
    Node.Arr big = ints(0, 65_536);
    Node.Arr shrunk = new Node.Arr(big.items().removeAt(1_000));
    Seq<PatchOperation> patch = JsonPatch.diff(Node.obj("l", big), Node.obj("l", shrunk));
    assertThat(patch).containsExactly(PatchOperation.remove("/l/1000"));
    assertThat(JsonPatch.apply(Node.obj("l", big), patch).get()).isEqualTo(Node.obj("l", shrunk));
  }

  @Test
  void replacingAnElementIsOneReplaceNotRemoveAndAdd() {
    Node.Arr a = Node.arr(Node.str("a"), Node.str("b"), Node.str("c"));
    Node.Arr b = Node.arr(Node.str("a"), Node.str("x"), Node.str("c"));
    assertThat(JsonPatch.diff(a, b)).containsExactly(PatchOperation.replace("/1", Node.str("x")));
  }

  @Test
  void anElementMovedToTheEndIsOneMove() {
    Node.Arr a = Node.arr(Node.str("a"), Node.str("b"), Node.str("c"), Node.str("d"));
    Node.Arr b = Node.arr(Node.str("b"), Node.str("c"), Node.str("d"), Node.str("a"));
    Seq<PatchOperation> patch = JsonPatch.diff(a, b);
    assertThat(patch).containsExactly(PatchOperation.move("/0", "/3"));
    assertThat(JsonPatch.apply(a, patch).get()).isEqualTo(b);
  }

  @Test
  void containersAreMatchedByNameSoAnInsertedOneDoesNotShiftTheOthers() {
    Node web = Node.obj("name", Node.str("web"), "image", Node.str("nginx:1.25"));
    Node log = Node.obj("name", Node.str("log"), "image", Node.str("fluent:2"));
    Node side = Node.obj("name", Node.str("side"), "image", Node.str("envoy:1"));
    Node webNew = Node.obj("name", Node.str("web"), "image", Node.str("nginx:1.27"));
    Node.Obj before = Node.obj("containers", Node.arr(web, log));
    Node.Obj after = Node.obj("containers", Node.arr(side, log, webNew));
    Seq<PatchOperation> patch = JsonPatch.diff(before, after);
    assertThat(JsonPatch.apply(before, patch).get()).isEqualTo(after);
    assertThat(patch).hasSize(3);
    assertThat(patch.head()).isEqualTo(PatchOperation.add("/containers/0", side));
    assertThat(patch)
        .contains(PatchOperation.replace("/containers/2/image", Node.str("nginx:1.27")));
  }

  @Test
  void aConfiguredMergeKeyMatchesPortsByContainerPort() {
    Node p80 = Node.obj("containerPort", Node.num(80), "protocol", Node.str("TCP"));
    Node p443 = Node.obj("containerPort", Node.num(443), "protocol", Node.str("TCP"));
    Node p443udp = Node.obj("containerPort", Node.num(443), "protocol", Node.str("UDP"));
    Node.Obj before = Node.obj("ports", Node.arr(p80, p443));
    Node.Obj after = Node.obj("ports", Node.arr(p443udp));
    DiffOptions keyed = DiffOptions.defaults().withListKey("/ports", "containerPort");
    assertThat(JsonPatch.diff(before, after, keyed))
        .containsExactly(
            PatchOperation.remove("/ports/0"),
            PatchOperation.replace("/ports/0/protocol", Node.str("UDP")));
  }

  @Test
  void completelyDifferentHugeListsStayCorrectPastTheWorkBudget() {
    Random random = new Random(7);
    int[] a = random.ints(5_000, 0, 50).toArray();
    int[] b = random.ints(5_000, 0, 50).toArray();
    for (long budget : new long[] {10, 1_000, Long.MAX_VALUE}) {
      byte[] script = Myers.script(a, b, budget);
      int i = 0;
      int j = 0;
      for (byte step : script) {
        if (step == Myers.KEEP) {
          assertThat(a[i++]).isEqualTo(b[j++]);
        } else if (step == Myers.DELETE) {
          i++;
        } else {
          j++;
        }
      }
      assertThat(i).isEqualTo(a.length);
      assertThat(j).isEqualTo(b.length);
    }
    Node.Arr x = new Node.Arr(Vector.ofAll(a).map(v -> (Node) Node.num(v)));
    Node.Arr y = new Node.Arr(Vector.ofAll(b).map(v -> (Node) Node.num(v)));
    assertThat(JsonPatch.apply(x, JsonPatch.diff(x, y)).get()).isEqualTo(y);
  }

  @Test
  void myersFindsTheShortestScript() {
    int[] a = {1, 2, 3, 1, 2, 2, 1};
    int[] b = {3, 2, 1, 2, 1, 3};
    byte[] script = Myers.script(a, b);
    int edits = 0;
    for (byte s : script) {
      edits += s == Myers.KEEP ? 0 : 1;
    }
    assertThat(edits).isEqualTo(5);
  }

  @Test
  void replaceKeepsTheMemberPosition() {
    Node.Obj doc = Node.obj("a", Node.num(1), "b", Node.num(2), "c", Node.num(3));
    Node.Obj out =
        (Node.Obj) JsonPatch.apply(doc, Vector.of(PatchOperation.replace("/a", Node.num(9)))).get();
    assertThat(out.fields().keySet().toList()).containsExactly("a", "b", "c");
  }
}
