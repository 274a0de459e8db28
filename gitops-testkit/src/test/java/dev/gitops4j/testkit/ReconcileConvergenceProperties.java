package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.apply.DefaultReconciler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Reconciling any desired state A, then any B, converges on exactly B. */
class ReconcileConvergenceProperties {

  @Property(tries = 200)
  void reconcilingAThenBLeavesExactlyB(
      @ForAll("states") Map<ResourceId, Node.Obj> a,
      @ForAll("states") Map<ResourceId, Node.Obj> b,
      @ForAll("states") Map<ResourceId, Node.Obj> unmanaged) {
    InMemoryTarget target = InMemoryTarget.create();
    Map<ResourceId, Node.Obj> foreign = new TreeMap<>();
    unmanaged.forEach(
        (id, doc) -> {
          ResourceId other = ResourceId.of("Foreign" + id.kind(), id.name());
          foreign.put(other, doc);
          target.putOutOfBand(other, doc);
        });
    DefaultReconciler reconciler =
        DefaultReconciler.builder().target(target).allowEmpty(true).build();

    ReconcileResult first = reconciler.reconcile(state("a", a));
    assertThat(first.succeeded()).isTrue();
    ReconcileResult second = reconciler.reconcile(state("b", b));
    assertThat(second.succeeded()).isTrue();

    Map<ResourceId, Node.Obj> expected = new TreeMap<>(b);
    expected.putAll(foreign);
    assertThat(target.observe().resources().mapValues(d -> unmarked(d)).toJavaMap())
        .isEqualTo(expected);
    assertThat(reconciler.plan(state("b", b)).isEmpty()).isTrue();
    assertThat(reconciler.reconcile(state("b", b)).status())
        .isEqualTo(ReconcileResult.Status.IN_SYNC);
  }

  /** The document without the ownership mark the reconciler writes (and its empty parents). */
  private static Node.Obj unmarked(Node.Obj doc) {
    Node.Obj meta = (Node.Obj) doc.get("metadata").getOrElse(Node.Obj.EMPTY);
    Node.Obj notes = (Node.Obj) meta.get("annotations").getOrElse(Node.Obj.EMPTY);
    notes = notes.without(Resource.OWNER);
    meta = notes.fields().isEmpty() ? meta.without("annotations") : meta.with("annotations", notes);
    return meta.fields().isEmpty() ? doc.without("metadata") : doc.with("metadata", meta);
  }

  private static DesiredState state(String commit, Map<ResourceId, Node.Obj> docs) {
    Revision rev = new Revision(commit.repeat(40).substring(0, 40), "main", Instant.EPOCH, commit);
    return DesiredState.of(
        rev, docs.entrySet().stream().map(e -> Resource.of(e.getKey(), e.getValue())).toList());
  }

  @Provide
  Arbitrary<Map<ResourceId, Node.Obj>> states() {
    Arbitrary<ResourceId> ids =
        Combinators.combine(
                Arbitraries.of("ConfigMap", "Service"),
                Arbitraries.of("", "a", "b"),
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2))
            .as((k, ns, n) -> ns.isEmpty() ? ResourceId.of(k, n) : ResourceId.of(k, ns, n));
    Arbitrary<Node.Obj> docs =
        Combinators.combine(
                Arbitraries.of("v1", "v2"),
                Arbitraries.maps(
                        Arbitraries.of("x", "y", "z"), Arbitraries.integers().between(0, 3))
                    .ofMaxSize(3),
                Arbitraries.<List<Integer>>of(
                    List.of(), List.of(1), List.of(1, 2), List.of(2, 1, 3)))
            .as(
                (api, data, list) -> {
                  Node.Obj d = Node.Obj.EMPTY;
                  for (var e : new TreeMap<>(data).entrySet()) {
                    d = d.with(e.getKey(), Node.num(e.getValue()));
                  }
                  return Node.obj(
                      "apiVersion",
                      Node.str(api),
                      "data",
                      d,
                      "list",
                      new Node.Arr(
                          io.vavr.collection.Vector.ofAll(list).map(i -> (Node) Node.num(i))));
                });
    return Arbitraries.maps(ids, docs).ofMaxSize(8);
  }
}
