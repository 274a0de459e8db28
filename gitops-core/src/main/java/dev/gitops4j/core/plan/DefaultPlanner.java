package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.LastApplied;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.plan.Planner;
import dev.gitops4j.api.target.ActualState;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link Planner}: three-way, minimal and quiet.
 *
 * <ul>
 *   <li>A desired resource that is absent is created. One that exists is merged three ways (see
 *       {@link LastApplied}): fields Git declares take their desired value, fields only the target
 *       holds stay unless Git declared them before; the update is the RFC 6902 patch from the
 *       observed document to that merge, each field labelled changed in Git, drift, or removed from
 *       Git. Ignored fields keep what the target holds; normalizers put declared documents in the
 *       target's form first. A change of {@code apiVersion} or of a field the options declare
 *       immutable for the kind is a replace. An equal resource is a no-op.
 *   <li>A resource in the inventory that Git no longer declares is deleted (when pruning), and only
 *       then: resources this reconciler never applied are never touched.
 *   <li>Waves follow the dependency graph: a resource comes in the wave after the last of its
 *       dependencies; within a wave, by id. Deletions come last, dependents before what they depend
 *       on.
 * </ul>
 *
 * <p>Unchanged resources cost little: the per-resource result is memoised with its desired,
 * observed and last-applied documents. The same instances (the loader reuses documents of unchanged
 * blobs, {@code DirectoryTarget} those of unchanged files, {@code FileStateStore} its last-applied
 * documents, the reconciler its marked copies) answer in O(1); documents re-read as the same trees
 * answer after one comparison walk. So re-planning after a commit that touches k files merges and
 * diffs only those k resources (plus any the target changed).
 */
public final class DefaultPlanner implements Planner {
  private final Fingerprints fingerprints;
  private final ResourcePlanner resources;

  /**
   * A planner whose preconditions are keyed with a random key of its own: its plans apply only
   * through a reconciler that checks with the same key. {@code DefaultReconciler} builds its
   * planner with the key of its state store instead.
   */
  public DefaultPlanner() {
    this(Fingerprints.random());
  }

  /**
   * A planner whose preconditions use these fingerprints.
   *
   * @param fingerprints keys the preconditions; a reconciler must check with the same key
   */
  public DefaultPlanner(Fingerprints fingerprints) {
    this.fingerprints = java.util.Objects.requireNonNull(fingerprints, "fingerprints");
    this.resources = new ResourcePlanner(fingerprints);
  }

  @Override
  public Plan plan(
      DesiredState desired, ActualState actual, Inventory inventory, PlanOptions options) {
    return plan(desired, actual, inventory, LastApplied.none(), options);
  }

  @Override
  public Plan plan(
      DesiredState desired,
      ActualState actual,
      Inventory inventory,
      LastApplied lastApplied,
      PlanOptions given) {
    PlanOptions options = resources.canonical(given);
    java.util.TreeMap<Integer, java.util.List<Change>> waves = new java.util.TreeMap<>();
    Function<ResourceId, Option<Seq<ResourceId>>> desiredDeps =
        id -> desired.get(id).map(r -> r.dependsOn().toList());
    Map<ResourceId, Integer> depths = new HashMap<>();
    Observed observed = new Observed(desired, actual);
    for (Resource r : desired.resources().values()) {
      Option<Change> change =
          resources.change(
              r.id(), r.body(), observed.get(r.id()), lastApplied.get(r.id()), options);
      if (change.isDefined()) {
        int depth = depth(r.id(), desiredDeps, depths, TreeSet.empty());
        waves.computeIfAbsent(depth, d -> new ArrayList<>()).add(change.get());
      }
    }
    if (resources.memoSize() > desired.size()) {
      resources.retainOnly(id -> desired.get(id).isDefined());
    }
    List<Seq<Change>> ordered = List.ofAll(waves.values()).map(l -> (Seq<Change>) Vector.ofAll(l));
    if (options.prune()) {
      ordered = ordered.appendAll(deletions(desired, actual, inventory));
    }
    return new Plan(desired.revision(), ordered);
  }

  /**
   * The observed document of each desired resource, asked for in the desired state's order. When
   * both maps share their order (the usual natural order of ids), one pass over the observed
   * resources beside the desired ones (a merge join) answers without a tree lookup per resource;
   * otherwise each is looked up.
   */
  private static final class Observed {
    private final ActualState actual;
    private final java.util.@Nullable Comparator<? super ResourceId> order;
    private final java.util.Iterator<io.vavr.Tuple2<ResourceId, Node.Obj>> rest;
    private io.vavr.@Nullable Tuple2<ResourceId, Node.Obj> next;

    Observed(DesiredState desired, ActualState actual) {
      this.actual = actual;
      java.util.Comparator<? super ResourceId> shared = actual.resources().comparator();
      this.order = shared == desired.resources().comparator() ? shared : null;
      this.rest = actual.resources().iterator();
      this.next = order != null && rest.hasNext() ? rest.next() : null;
    }

    /** The observed document of {@code id}; ids must come in ascending order. */
    Option<Node.Obj> get(ResourceId id) {
      java.util.Comparator<? super ResourceId> by = order;
      if (by == null) {
        return actual.get(id);
      }
      while (next != null && by.compare(next._1, id) < 0) {
        next = rest.hasNext() ? rest.next() : null;
      }
      io.vavr.Tuple2<ResourceId, Node.Obj> at = next;
      return at != null && by.compare(at._1, id) == 0 ? Option.of(at._2) : Option.none();
    }
  }

  /** Deletions of owned resources Git no longer declares, dependents first. */
  private Seq<Seq<Change>> deletions(
      DesiredState desired, ActualState actual, Inventory inventory) {
    SortedMap<ResourceId, Node.Obj> doomed = TreeMap.empty();
    for (ResourceId id : inventory.ids()) {
      if (desired.get(id).isEmpty()) {
        for (Node.Obj doc : actual.get(id)) {
          doomed = doomed.put(id, doc);
        }
      }
    }
    SortedMap<ResourceId, Node.Obj> gone = doomed;
    Function<ResourceId, Option<Seq<ResourceId>>> deps =
        id -> gone.get(id).map(DefaultPlanner::declaredDependencies);
    Map<ResourceId, Integer> depths = new HashMap<>();
    java.util.TreeMap<Integer, java.util.List<Change>> byDepth = new java.util.TreeMap<>();
    for (var e : doomed) {
      int depth = depth(e._1, deps, depths, TreeSet.empty());
      Change delete = new Change.Delete(e._1, fingerprints.present(e._2));
      byDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(delete);
    }
    return List.ofAll(byDepth.descendingMap().values()).map(l -> (Seq<Change>) Vector.ofAll(l));
  }

  private static Seq<ResourceId> declaredDependencies(Node.Obj doc) {
    return doc.at("/metadata/annotations")
        .flatMap(a -> a instanceof Node.Obj o ? o.get(Resource.DEPENDS_ON) : Option.none())
        .flatMap(Node::asText)
        .map(s -> List.of(s.split(",")).flatMap(ResourceId::parse))
        .getOrElse(List.empty());
  }

  /** Longest path to a resource with no dependencies; cycles (only possible on the target) cut. */
  private static int depth(
      ResourceId id,
      Function<ResourceId, Option<Seq<ResourceId>>> deps,
      Map<ResourceId, Integer> memo,
      TreeSet<ResourceId> visiting) {
    Integer known = memo.get(id);
    if (known != null) {
      return known;
    }
    int depth = 0;
    for (ResourceId dep : deps.apply(id).getOrElse(List.empty())) {
      if (!visiting.contains(dep) && deps.apply(dep).isDefined()) {
        depth = Math.max(depth, 1 + depth(dep, deps, memo, visiting.add(id)));
      }
    }
    memo.put(id, depth);
    return depth;
  }
}
