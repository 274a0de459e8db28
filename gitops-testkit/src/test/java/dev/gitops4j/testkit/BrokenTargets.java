package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Deliberately broken targets, one breakage each, and the conformance kit run on each (run by
 * {@link ConformanceKitCatchesBreakagesTest}, not on their own: the file name keeps surefire off).
 */
final class BrokenTargets {
  private BrokenTargets() {}

  /** A correct map target whose single steps the broken ones override. */
  static class MapTarget implements Target {
    TreeMap<ResourceId, Node.Obj> resources = TreeMap.empty();

    @Override
    public synchronized ActualState observe() {
      return new ActualState(resources);
    }

    @Override
    public synchronized Option<Node.Obj> get(ResourceId id) {
      return resources.get(id);
    }

    @Override
    public void put(ResourceId id, Node.Obj document) {
      if (id.name().equals("rejected")) {
        refuse(id);
      }
      store(id, document);
    }

    void refuse(ResourceId id) {
      throw new dev.gitops4j.api.target.TargetException(id + ": refused");
    }

    synchronized void store(ResourceId id, Node.Obj document) {
      resources = resources.put(id, document);
    }

    @Override
    public synchronized void delete(ResourceId id) {
      resources = resources.remove(id);
    }

    @Override
    public String describe() {
      return "broken";
    }
  }

  /** No breakage: the control, which passes the whole kit. */
  static final class Correct extends MapTarget {}

  /** observe() does not list cluster-scoped resources. */
  static final class HidesClusterScoped extends MapTarget {
    @Override
    public synchronized ActualState observe() {
      return new ActualState(resources.filterKeys(id -> id.namespace().isDefined()));
    }
  }

  /** put() merges top-level fields into the old document instead of replacing it. */
  static final class MergesOnPut extends MapTarget {
    @Override
    synchronized void store(ResourceId id, Node.Obj document) {
      Node.Obj merged = resources.get(id).getOrElse(Node.Obj.EMPTY);
      for (var f : document.fields()) {
        Node old = merged.get(f._1).getOrNull();
        merged =
            merged.with(
                f._1,
                old instanceof Node.Obj o && f._2 instanceof Node.Obj n
                    ? new Node.Obj(o.fields().merge(n.fields(), (a, b) -> b))
                    : f._2);
      }
      resources = resources.put(id, merged);
    }
  }

  /** Deleting what is not there throws. */
  static final class DeleteOfAbsentThrows extends MapTarget {
    @Override
    public synchronized void delete(ResourceId id) {
      if (!resources.containsKey(id)) {
        throw new dev.gitops4j.api.target.TargetException(id + ": not found");
      }
      super.delete(id);
    }
  }

  /** delete() removes every resource of the kind. */
  static final class DeletesTheWholeKind extends MapTarget {
    @Override
    public synchronized void delete(ResourceId id) {
      resources = resources.filterKeys(k -> !k.kind().equals(id.kind()));
    }
  }

  /** Names with a dot or a space are refused although the samples claim them. */
  static final class RefusesDots extends MapTarget {
    @Override
    synchronized void store(ResourceId id, Node.Obj document) {
      if (id.name().contains(".") || id.name().contains(" ")) {
        throw new dev.gitops4j.api.target.TargetException(id + ": bad name");
      }
      super.store(id, document);
    }
  }

  /** Strings are stored as ASCII, non-ASCII characters replaced by '?'. */
  static final class LosesUnicode extends MapTarget {
    @Override
    synchronized void store(ResourceId id, Node.Obj document) {
      super.store(id, (Node.Obj) ascii(document));
    }

    private static Node ascii(Node n) {
      if (n instanceof Node.Str s) {
        return Node.str(s.value().replaceAll("[^\\x00-\\x7F]", "?"));
      }
      if (n instanceof Node.Obj o) {
        return new Node.Obj(o.fields().map((k, v) -> new io.vavr.Tuple2<>(k, ascii(v))));
      }
      if (n instanceof Node.Arr a) {
        return new Node.Arr(a.items().map(LosesUnicode::ascii));
      }
      return n;
    }
  }

  /** Numbers go through a double, as a naive JSON layer does. */
  static final class NumbersAsDoubles extends MapTarget {
    @Override
    synchronized void store(ResourceId id, Node.Obj document) {
      super.store(id, (Node.Obj) doubles(document));
    }

    private static Node doubles(Node n) {
      if (n instanceof Node.Int i) {
        return Node.num(new BigDecimal(i.value().doubleValue()));
      }
      if (n instanceof Node.Obj o) {
        return new Node.Obj(o.fields().map((k, v) -> new io.vavr.Tuple2<>(k, doubles(v))));
      }
      if (n instanceof Node.Arr a) {
        return new Node.Arr(a.items().map(NumbersAsDoubles::doubles));
      }
      return n;
    }
  }

  /**
   * Not thread-safe: put() reads the map, then writes back its own copy. The first put from a
   * thread other than the test's waits (up to ten seconds) until a second one has started, so the
   * lost update is certain, not a matter of scheduling luck; later puts do not wait, nor do the
   * test thread's own (sequential) puts.
   */
  static final class LosesConcurrentWrites extends MapTarget {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread creator = Thread.currentThread();
    private volatile boolean raced;

    @Override
    @SuppressWarnings("UnsynchronizedOverridesSynchronized") // the breakage itself
    void store(ResourceId id, Node.Obj document) {
      TreeMap<ResourceId, Node.Obj> base;
      synchronized (this) {
        base = resources;
      }
      if (Thread.currentThread() == creator) {
        // a call from the test's own thread is not concurrent: lose nothing, wait for nobody
        synchronized (this) {
          resources = resources.put(id, document);
        }
        return;
      }
      inFlight.incrementAndGet();
      long until = System.nanoTime() + 10_000_000_000L;
      while (!raced && inFlight.get() < 2 && System.nanoTime() < until) {
        LockSupport.parkNanos(1_000_000L);
      }
      raced = true;
      synchronized (this) {
        resources = base.put(id, document);
      }
      inFlight.decrementAndGet();
    }
  }

  /** A refused write throws IllegalArgumentException instead of a TargetException. */
  static final class FailsWithTheWrongException extends MapTarget {
    @Override
    void refuse(ResourceId id) {
      throw new IllegalArgumentException("no");
    }
  }

  /**
   * checkId refuses names with a dot that put accepts: validation would reject manifests the
   * adapter can hold.
   */
  static final class StricterCheckId extends MapTarget {
    @Override
    public Option<String> checkId(ResourceId id) {
      return id.name().contains(".") ? Option.of("no dots") : Option.none();
    }
  }

  /** The conformance kit over a broken target, with samples that include a refused write. */
  abstract static class Kit extends TargetConformanceKit {
    @Override
    protected TargetSamples samples() {
      TargetSamples k = TargetSamples.kubernetesLike();
      return TargetSamples.builder()
          .namespaced(k.namespacedId(), k.namespacedDocument())
          .clusterScoped(k.clusterId(), k.clusterDocument())
          .oddNames(k.oddNames().toJavaArray(String[]::new))
          .freeFormField("data")
          .rejected(k.namespacedNamed("rejected"), k.namespacedDocumentNamed("rejected"))
          .build();
    }
  }

  static final class CorrectKit extends Kit {
    @Override
    protected Target newTarget() {
      return new Correct();
    }
  }

  static final class HidesClusterScopedKit extends Kit {
    @Override
    protected Target newTarget() {
      return new HidesClusterScoped();
    }
  }

  static final class MergesOnPutKit extends Kit {
    @Override
    protected Target newTarget() {
      return new MergesOnPut();
    }
  }

  static final class DeleteOfAbsentThrowsKit extends Kit {
    @Override
    protected Target newTarget() {
      return new DeleteOfAbsentThrows();
    }
  }

  static final class DeletesTheWholeKindKit extends Kit {
    @Override
    protected Target newTarget() {
      return new DeletesTheWholeKind();
    }
  }

  static final class RefusesDotsKit extends Kit {
    @Override
    protected Target newTarget() {
      return new RefusesDots();
    }
  }

  static final class LosesUnicodeKit extends Kit {
    @Override
    protected Target newTarget() {
      return new LosesUnicode();
    }
  }

  static final class NumbersAsDoublesKit extends Kit {
    @Override
    protected Target newTarget() {
      return new NumbersAsDoubles();
    }
  }

  static final class LosesConcurrentWritesKit extends Kit {
    @Override
    protected Target newTarget() {
      return new LosesConcurrentWrites();
    }
  }

  static final class FailsWithTheWrongExceptionKit extends Kit {
    @Override
    protected Target newTarget() {
      return new FailsWithTheWrongException();
    }
  }

  static final class StricterCheckIdKit extends Kit {
    @Override
    protected Target newTarget() {
      return new StricterCheckId();
    }
  }
}
