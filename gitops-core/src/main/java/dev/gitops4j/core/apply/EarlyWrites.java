package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.rollout.RolloutExecutor;
import dev.gitops4j.core.rollout.TokenBucket;
import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that start while the plan is still being made: the creates the plan is sure to open with
 * (resources Git declares without dependencies, absent from what was just observed, so in the first
 * wave with the precondition "absent"). Workers write them, conditionally on absence and through
 * the same rate limit, until the plan is ready; then the rollout takes over, and a create already
 * written early counts as applied without another call. Against a slow or rate-limited target, the
 * planning time is no longer lost before the first write.
 *
 * <p>Nothing else starts early: updates, replaces and deletes need the plan's diff and prune
 * decisions, and later waves wait for their dependencies as before. A create that failed early is
 * simply run again by the rollout, with its retries.
 */
final class EarlyWrites implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyWrites.class);

  /** One create to write early: its id and the document as it goes to the target. */
  record Item(ResourceId id, Node.Obj document) {}

  private final Target target;
  private final @Nullable TokenBucket bucket;
  private final List<Item> items;
  private final ConcurrentHashMap<ResourceId, CompletableFuture<Option<Node.Obj>>> claimed =
      new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger next = new AtomicInteger();

  private EarlyWrites(Target target, @Nullable TokenBucket bucket, List<Item> items) {
    this.target = target;
    this.bucket = bucket;
    this.items = items;
  }

  /** Starts {@code workers} workers on {@code executor} (own daemon threads when null). */
  static EarlyWrites start(
      Target target,
      @Nullable TokenBucket bucket,
      List<Item> items,
      int workers,
      @Nullable Executor executor) {
    EarlyWrites early = new EarlyWrites(target, bucket, items);
    int n = Math.min(workers, items.size());
    for (int w = 0; w < n; w++) {
      Runnable work = early::work;
      if (executor != null) {
        executor.execute(work);
      } else {
        Thread t = new Thread(work, "gitops4j-early-" + w);
        t.setDaemon(true);
        t.start();
      }
    }
    return early;
  }

  private void work() {
    while (!stop.get()) {
      int i = next.getAndIncrement();
      if (i >= items.size()) {
        return;
      }
      Item item = items.get(i);
      CompletableFuture<Option<Node.Obj>> mine = new CompletableFuture<>();
      if (claimed.putIfAbsent(item.id(), mine) != null) {
        continue;
      }
      try {
        if (bucket != null) {
          bucket.acquire();
        }
        boolean written = target.putIfUnchanged(item.id(), Option.none(), item.document());
        mine.complete(written ? Option.of(item.document()) : Option.none());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        mine.complete(Option.none());
        return;
      } catch (RuntimeException e) {
        LOG.debug("early create of {} failed; the rollout runs it again", item.id());
        mine.complete(Option.none());
      }
    }
  }

  /** The plan is ready: no new early write starts (those in flight finish). */
  @Override
  public void close() {
    stop.set(true);
  }

  /**
   * True when {@code change} is a create already written early with exactly the document it writes
   * (waits for one in flight). Otherwise the change is claimed, so no early worker starts it, and
   * the rollout runs it as usual.
   */
  boolean alreadyApplied(Change change, Node.Obj document) {
    if (!(change instanceof Change.Create)) {
      return false;
    }
    CompletableFuture<Option<Node.Obj>> none = CompletableFuture.completedFuture(Option.none());
    CompletableFuture<Option<Node.Obj>> early = claimed.putIfAbsent(change.id(), none);
    return early != null && early.join().contains(document);
  }

  /**
   * Every id written early, once the writes in flight have finished (call after {@link #close}): a
   * failure elsewhere stops the rollout before it reaches some of them, and they must still be
   * reported and owned.
   */
  java.util.Set<ResourceId> written() {
    java.util.Set<ResourceId> ids = new java.util.HashSet<>();
    claimed.forEach(
        (id, f) -> {
          if (f.join().isDefined()) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** A runner that skips what was written early and runs the rest through {@code base}. */
  RolloutExecutor.ChangeRunner around(
      RolloutExecutor.ChangeRunner base,
      java.util.function.Function<Change.Create, Node.Obj> document) {
    return new RolloutExecutor.ChangeRunner() {
      @Override
      public void run(Change change) throws Exception {
        base.run(change);
      }

      @Override
      public void beforeGroup(io.vavr.collection.Seq<Change> group) {
        base.beforeGroup(group);
      }

      @Override
      public boolean alreadyApplied(Change change) {
        return change instanceof Change.Create c
            && EarlyWrites.this.alreadyApplied(change, document.apply(c));
      }
    };
  }
}
