package dev.gitops4j.benchmarks;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.RateLimit;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.rollout.TokenBucket;
import dev.gitops4j.testkit.InMemoryTarget;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reconcile throughput: creates applied per second onto the in-memory target at several
 * parallelisms, onto a target whose every write takes 1 ms, and through a target that serves a
 * fixed number of writes a second (the floor is N / rate). Each operation reconciles {@code size}
 * new resources onto an empty target, without health gates (their pace is the poll interval).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ReconcileThroughputBenchmark {
  static final Revision REV = new Revision("b".repeat(40), "main", Instant.EPOCH, "bench");

  @Param({"1", "4", "16"})
  int parallel;

  final DesiredState small = state(4000);
  final DesiredState latency = state(400);
  final DesiredState limited = state(3000);
  final DesiredState large = state(15000);
  final DesiredState slowLimited = state(1500);

  static DesiredState state(int n) {
    List<Resource> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ResourceId id = ResourceId.of("ConfigMap", "bench", "cm-" + i);
      all.add(
          Resource.of(
              id,
              Node.obj(
                  "kind", Node.str("ConfigMap"),
                  "metadata", Node.obj("name", Node.str(id.name()), "namespace", Node.str("bench")),
                  "data", Node.obj("index", Node.str(Integer.toString(i))))));
    }
    return DesiredState.of(REV, all);
  }

  private ReconcileResult run(Target target, DesiredState desired) {
    ReconcileResult r =
        DefaultReconciler.builder()
            .target(target)
            .rollout(Rollout.allAtOnce().maxParallel(parallel).withoutHealthGate())
            .build()
            .reconcile(desired);
    if (r.status() != ReconcileResult.Status.SUCCEEDED) {
      throw new IllegalStateException("reconcile failed: " + r.failure());
    }
    return r;
  }

  /** 4,000 creates onto {@code InMemoryTarget}. */
  @Benchmark
  public ReconcileResult inMemory4000() {
    return run(InMemoryTarget.create(), small);
  }

  /**
   * 400 creates onto a target whose every write takes 1 ms of wall time; floor 400 ms / parallel.
   */
  @Benchmark
  public ReconcileResult latency1ms400() {
    return run(new SlowTarget(), latency);
  }

  /**
   * 3,000 creates through a target that serves 1,000 writes a second (a token bucket on its side,
   * conditional writes in one call): floor 3 s whatever the parallelism.
   */
  @Benchmark
  public ReconcileResult rateLimited3000at1000() {
    return run(new LimitedTarget(1000), limited);
  }

  /** 15,000 creates through a target that serves 5,000 calls a second: floor 3 s. */
  @Benchmark
  public ReconcileResult rateLimited15000at5000() {
    return run(new LimitedTarget(5000), large);
  }

  /**
   * 1,500 creates through a target that serves 50 calls a second: floor 30 s. The case
   * (15,000 at 50/s, floor 300 s) scaled by ten in N at the same rate, so planning's share of the
   * floor is the same as at 15,000 when planning is linear.
   */
  @Benchmark
  public ReconcileResult rateLimited1500at50() {
    return run(new LimitedTarget(50), slowLimited);
  }

  /** The reference: 1,500 writes straight through the 50/s target. */
  @Benchmark
  public int rateLimited1500at50Direct() throws InterruptedException {
    return direct(new LimitedTarget(50), slowLimited);
  }

  /**
   * The reference: the same 400 writes of 1 ms made straight onto the target by {@code parallel}
   * threads, no reconciler: the floor this machine really gives.
   */
  @Benchmark
  public int latency1ms400Direct() throws InterruptedException {
    return direct(new SlowTarget(), latency);
  }

  /**
   * The reference: 3,000 writes straight through the 1,000/s target by {@code parallel} threads.
   */
  @Benchmark
  public int rateLimited3000at1000Direct() throws InterruptedException {
    return direct(new LimitedTarget(1000), limited);
  }

  /** The reference: 15,000 writes straight through the 5,000/s target. */
  @Benchmark
  public int rateLimited15000at5000Direct() throws InterruptedException {
    return direct(new LimitedTarget(5000), large);
  }

  private int direct(Target target, DesiredState desired) throws InterruptedException {
    List<Resource> all = new ArrayList<>(desired.resources().values().toJavaList());
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < parallel; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
                  Resource r = all.get(i);
                  target.putIfUnchanged(r.id(), Option.none(), r.body());
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return next.get();
  }

  /** A map whose writes take 1 ms, implementing only the required methods plus {@code get}. */
  static class SlowTarget implements Target {
    private volatile TreeMap<ResourceId, Node.Obj> docs = TreeMap.empty();

    @Override
    public ActualState observe() {
      return new ActualState(docs);
    }

    @Override
    public Option<Node.Obj> get(ResourceId id) {
      return docs.get(id);
    }

    @Override
    public void put(ResourceId id, Node.Obj document) {
      pause();
      putUnpaced(id, document);
    }

    final synchronized void putUnpaced(ResourceId id, Node.Obj document) {
      docs = docs.put(id, document);
    }

    final Option<Node.Obj> getUnpaced(ResourceId id) {
      return docs.get(id);
    }

    @Override
    public synchronized void delete(ResourceId id) {
      docs = docs.remove(id);
    }

    void pause() {
      try {
        Scheduler.system().sleep(java.time.Duration.ofMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String describe() {
      return "slow";
    }
  }

  /**
   * Every call waits for a token of the target's own rate limit; a conditional write is one call.
   */
  static final class LimitedTarget extends SlowTarget {
    private final TokenBucket bucket;

    LimitedTarget(double perSecond) {
      this.bucket =
          new TokenBucket(
              new RateLimit(perSecond, (int) Math.max(1, perSecond / 20)), Scheduler.system());
    }

    @Override
    void pause() {
      try {
        bucket.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public ActualState observe() {
      pause();
      return super.observe();
    }

    @Override
    public Option<Node.Obj> get(ResourceId id) {
      pause();
      return getUnpaced(id);
    }

    @Override
    public boolean putIfUnchanged(ResourceId id, Option<Node.Obj> expected, Node.Obj document) {
      pause();
      synchronized (this) {
        if (!getUnpaced(id).equals(expected)) {
          return false;
        }
        putUnpaced(id, document);
        return true;
      }
    }
  }
}
