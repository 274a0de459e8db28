package dev.gitops4j.testkit;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.TreeSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for properties of infrastructure code and adapters: resource ids, manifests,
 * desired states, commit sequences and fault schedules. Shrinking works on all of them, so a
 * failing property reports a small case.
 *
 * <pre>{@code
 * @Provide Arbitrary<DesiredState> states() { return GitOpsArbitraries.desiredStates(); }
 *
 * @Property void reconcileIsIdempotent(@ForAll("states") DesiredState state) { ... }
 * }</pre>
 */
public final class GitOpsArbitraries {
  private GitOpsArbitraries() {}

  /** The ref, time and summary of every generated desired state's revision. */
  public static final Revision REVISION =
      new Revision("a".repeat(40), "main", Instant.parse("2026-01-01T00:00:00Z"), "generated");

  /**
   * Ids of kinds ConfigMap and Service, namespaced in {@code a} or {@code b} or cluster-scoped.
   *
   * @return an arbitrary of ids
   */
  public static Arbitrary<ResourceId> resourceIds() {
    return resourceIds(Arbitraries.of("ConfigMap", "Service"), Arbitraries.of("", "a", "b"));
  }

  /**
   * Ids with kebab-case names (1 to 12 characters), of the given kinds and namespaces ("" none).
   *
   * @param kinds the kinds to draw from
   * @param namespaces the namespaces to draw from; {@code ""} gives a cluster-scoped id
   * @return an arbitrary of ids
   */
  public static Arbitrary<ResourceId> resourceIds(
      Arbitrary<String> kinds, Arbitrary<String> namespaces) {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('0', '1', '2', '-')
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(n -> !n.startsWith("-") && !n.endsWith("-"));
    return Combinators.combine(kinds, namespaces, names)
        .as((k, ns, n) -> ns.isEmpty() ? ResourceId.of(k, n) : ResourceId.of(k, ns, n));
  }

  /**
   * Free-form data: up to four keys, string, integer and boolean values, maybe a list.
   *
   * @return an arbitrary of objects, possibly empty
   */
  public static Arbitrary<Node.Obj> data() {
    Arbitrary<Node> values =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().numeric().ofMaxLength(8).map(Node::str),
            Arbitraries.integers().between(-5, 1000).map(i -> (Node) Node.num(i)),
            Arbitraries.of(true, false).map(b -> (Node) Node.bool(b)),
            Arbitraries.integers().between(0, 3).list().ofMaxSize(3).map(GitOpsArbitraries::list));
    return Arbitraries.maps(Arbitraries.of("color", "size", "mode", "tags"), values)
        .ofMaxSize(4)
        .map(m -> obj(new TreeMap<>(m)));
  }

  /**
   * A Kubernetes-style manifest for {@code id}: apiVersion, kind, metadata and {@code data}.
   *
   * @param id the resource the manifest names
   * @return an arbitrary of manifests with apiVersion {@code v1} or {@code v2} and {@link #data()}
   */
  public static Arbitrary<Node.Obj> manifests(ResourceId id) {
    Objects.requireNonNull(id, "id");
    return Combinators.combine(Arbitraries.of("v1", "v2"), data())
        .as((api, d) -> manifest(id, api, d));
  }

  /**
   * The manifest {@link #manifests} builds, for a given apiVersion and data.
   *
   * @param id the resource; {@code metadata.namespace} is set only if it has a namespace
   * @param apiVersion the {@code apiVersion} field
   * @param data the {@code data} field
   * @return the manifest
   */
  public static Node.Obj manifest(ResourceId id, String apiVersion, Node.Obj data) {
    Node.Obj meta = Node.obj("name", Node.str(id.name()));
    if (id.namespace().isDefined()) {
      meta = meta.with("namespace", Node.str(id.namespace().get()));
    }
    return Node.obj(
        "apiVersion",
        Node.str(apiVersion),
        "kind",
        Node.str(id.kind()),
        "metadata",
        meta,
        "data",
        data);
  }

  /**
   * Desired states of up to eight resources drawn from {@link #resourceIds()}.
   *
   * @return an arbitrary of desired states, possibly empty, documents from {@link #manifests}
   */
  public static Arbitrary<DesiredState> desiredStates() {
    return desiredStates(resourceIds(), GitOpsArbitraries::manifests, 8);
  }

  /**
   * Desired states of up to {@code max} resources, with ids and documents of your adapter.
   *
   * @param ids the ids to draw from; duplicates are dropped
   * @param documents the documents for an id
   * @param max the most resources in a state; a state may be empty
   * @return an arbitrary of desired states whose revision's commit id follows from the content
   */
  public static Arbitrary<DesiredState> desiredStates(
      Arbitrary<ResourceId> ids, Function<ResourceId, Arbitrary<Node.Obj>> documents, int max) {
    return ids.set()
        .ofMaxSize(max)
        .flatMap(
            set -> {
              List<ResourceId> sorted = new ArrayList<>(new java.util.TreeSet<>(set));
              List<Arbitrary<Node.Obj>> docs = new ArrayList<>();
              sorted.forEach(id -> docs.add(documents.apply(id)));
              return Combinators.combine(docs)
                  .as(
                      list -> {
                        List<Resource> resources = new ArrayList<>();
                        for (int i = 0; i < sorted.size(); i++) {
                          resources.add(Resource.of(sorted.get(i), list.get(i)));
                        }
                        return DesiredState.of(revisionOf(resources), resources);
                      });
            });
  }

  /**
   * Sequences of one to six repository trees (path to YAML), each a commit: files come, change and
   * go. Commit them with {@link CommitBuilder#replaceAll}.
   *
   * @return an arbitrary of trees, each a map of {@code apps/cmN.yaml} paths to ConfigMap YAML
   */
  public static Arbitrary<List<SortedMap<String, String>>> commitSequences() {
    Arbitrary<SortedMap<String, String>> tree =
        Arbitraries.maps(Arbitraries.integers().between(0, 6), data())
            .ofMaxSize(5)
            .map(
                m -> {
                  SortedMap<String, String> files = new TreeMap<>();
                  for (Map.Entry<Integer, Node.Obj> e : m.entrySet()) {
                    ResourceId id = ResourceId.of("ConfigMap", "app", "cm" + e.getKey());
                    files.put(
                        "apps/cm" + e.getKey() + ".yaml",
                        dev.gitops4j.core.load.Documents.toYaml(manifest(id, "v1", e.getValue())));
                  }
                  return files;
                });
    return tree.list().ofMinSize(1).ofMaxSize(6);
  }

  /**
   * A revision whose commit id is derived from the resources, so that two different generated
   * states never share a commit id (the reconciler rightly treats one commit as one content).
   */
  static Revision revisionOf(List<Resource> resources) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(resources.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new Revision(
          java.util.HexFormat.of().formatHex(digest), "main", REVISION.time(), "generated");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fault schedules failing up to three of the first twelve writes.
   *
   * @return an arbitrary of schedules, possibly failing nothing
   */
  public static Arbitrary<FaultSchedule> faultSchedules() {
    return Arbitraries.integers()
        .between(1, 12)
        .set()
        .ofMaxSize(3)
        .map(s -> new FaultSchedule(TreeSet.ofAll(s)));
  }

  private static Node.Obj obj(SortedMap<String, Node> fields) {
    Node.Obj o = Node.Obj.EMPTY;
    for (var e : fields.entrySet()) {
      o = o.with(e.getKey(), e.getValue());
    }
    return o;
  }

  private static Node list(List<Integer> items) {
    return new Node.Arr(io.vavr.collection.Vector.ofAll(items).map(i -> (Node) Node.num(i)));
  }
}
