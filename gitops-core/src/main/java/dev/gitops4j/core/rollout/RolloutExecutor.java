package dev.gitops4j.core.rollout;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.history.HistoryRecord.ChangeResult;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.health.HealthGate;
import dev.gitops4j.core.internal.Scrubber;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the changes of a plan as a {@link Rollout} says: cut into steps by its strategy, at most
 * {@code maxParallel} changes in flight inside a dependency wave, each attempt rate-limited and
 * timed out, transient {@link TargetException}s retried with exponential backoff and jitter, and a
 * health gate after each step. The first failure stops the rollout: no new change starts, the ones
 * in flight finish. All waiting goes through the injected {@link Scheduler}; jitter comes from a
 * seeded random, so a run in virtual time is reproducible.
 *
 * <p>Events go to the sink one at a time, even from parallel workers.
 */
public final class RolloutExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutExecutor.class);

  /** Applies one change to the target; throws on failure ({@link TargetException} if it can). */
  @FunctionalInterface
  public interface ChangeRunner {
    /**
     * Applies {@code change}.
     *
     * @param change the change to make on the target; never a no-op
     * @throws Exception if the change failed; a transient {@link TargetException} is retried, any
     *     other failure stops the rollout
     */
    void run(Change change) throws Exception;

    /**
     * Called once before the changes of a group (independent changes of one wave) start, so a
     * runner can check all their preconditions with one call; nothing by default.
     *
     * @param group the changes about to start; never empty
     * @throws RuntimeException to refuse the whole group: the rollout stops with a failure on its
     *     first change and none of them runs
     */
    default void beforeGroup(Seq<Change> group) {}

    /**
     * True when the change is already on the target (written while the plan was being made): it
     * counts as applied without a call, a rate-limit token or a retry. False by default.
     *
     * @param change the change about to be attempted
     * @return whether to count it as applied and skip {@link #run}
     */
    default boolean alreadyApplied(Change change) {
      return false;
    }
  }

  /**
   * What a rollout did: a result per change that was attempted (in apply order), the failure that
   * stopped it, and whether a newer revision cancelled it during a health wait.
   *
   * @param changes a result per change attempted, in apply order; changes never started are missing
   * @param failure the first failure (a change or a health gate), or none when the rollout did not
   *     fail
   * @param cancelled whether the rollout stopped early because a newer revision arrived
   */
  public record Result(
      Seq<ChangeResult> changes, Option<ReconcileResult.Failure> failure, boolean cancelled) {
    /**
     * The changes that were applied, in apply order.
     *
     * @return the id and action of each change that succeeded
     */
    public Seq<ReconcileResult.Applied> applied() {
      return changes
          .filter(ChangeResult::succeeded)
          .map(c -> new ReconcileResult.Applied(c.id(), c.action()));
    }
  }

  private final Rollout rollout;
  private final Scheduler scheduler;
  private final Clock clock;
  private final HealthGate gate;
  private final Consumer<GitOpsEvent> sink;
  private final Random random;
  private final @Nullable Executor executor;
  private final @Nullable TokenBucket bucket;
  private final Scrubber scrubber;

  /**
   * An executor for one reconcile. {@code executor} runs parallel changes (null: a pool of {@code
   * maxParallel} threads for each group that needs one); {@code seed} drives the jitter.
   *
   * @param rollout the strategy, parallelism, retries, timeouts and health gate settings
   * @param scheduler where time and every wait (backoff, pause, health polling) come from
   * @param gate checks the health of what each step wrote
   * @param sink receives the events, one at a time
   * @param seed seeds the retry jitter, so a run in virtual time can be repeated exactly
   * @param executor runs parallel changes; null for a pool of the executor's own per group
   * @param bucket rate-limits attempts, shared with other executors if need be; null for no limit
   */
  public RolloutExecutor(
      Rollout rollout,
      Scheduler scheduler,
      HealthGate gate,
      Consumer<GitOpsEvent> sink,
      long seed,
      @Nullable Executor executor,
      @Nullable TokenBucket bucket) {
    this(rollout, scheduler, gate, sink, seed, executor, bucket, Scrubber.NONE);
  }

  /**
   * As the other constructor; every failure message it keeps, logs or emits is described by {@code
   * scrubber}: exception type and causes kept, known secret values replaced.
   *
   * @param rollout the strategy, parallelism, retries, timeouts and health gate settings
   * @param scheduler where time and every wait (backoff, pause, health polling) come from
   * @param gate checks the health of what each step wrote
   * @param sink receives the events, one at a time
   * @param seed seeds the retry jitter, so a run in virtual time can be repeated exactly
   * @param executor runs parallel changes; null for a pool of the executor's own per group
   * @param bucket rate-limits attempts, shared with other executors if need be; null for no limit
   * @param scrubber removes known secret values from failure messages
   */
  public RolloutExecutor(
      Rollout rollout,
      Scheduler scheduler,
      HealthGate gate,
      Consumer<GitOpsEvent> sink,
      long seed,
      @Nullable Executor executor,
      @Nullable TokenBucket bucket,
      Scrubber scrubber) {
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = scheduler.clock();
    this.gate = Objects.requireNonNull(gate, "gate");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.random = new Random(seed);
    this.executor = executor;
    this.bucket = bucket;
  }

  /**
   * Rolls out {@code waves} of {@code revision} through {@code runner}. With {@code gated} false (a
   * dry run, a rollback) no health gate runs.
   *
   * @param revision the revision being rolled out, named in every event
   * @param waves the plan's dependency waves, in order; no-op changes are skipped
   * @param runner applies each change to the target
   * @param gated whether to wait for health after each step (and for a canary's pause)
   * @param cancelled asked during health waits and after the canary step; true stops the rollout as
   *     cancelled (a newer revision arrived)
   * @return what was attempted, the failure that stopped the rollout, and whether it was cancelled
   */
  public Result run(
      Revision revision,
      Seq<Seq<Change>> waves,
      ChangeRunner runner,
      boolean gated,
      BooleanSupplier cancelled) {
    Seq<Seq<Change>> effective =
        waves.map(w -> w.filter(c -> c.action() != Change.Action.NOOP)).filter(w -> !w.isEmpty());
    Seq<Seq<Seq<Change>>> steps = Steps.of(rollout.strategy(), effective);
    ArrayList<ChangeResult> results = new ArrayList<>();
    int index = 0;
    for (Seq<Seq<Change>> step : steps) {
      index++;
      int size = step.map(Seq::size).sum().intValue();
      emit(new GitOpsEvent.WaveStarted(clock.instant(), revision, index, steps.size(), size));
      int before = results.size();
      Option<ReconcileResult.Failure> failure = Option.none();
      for (Seq<Change> group : step) {
        failure = runGroup(revision, group, runner, results);
        if (failure.isDefined()) {
          break;
        }
      }
      boolean cancel = false;
      if (failure.isEmpty() && gated && rollout.healthGate()) {
        Seq<ResourceId> written =
            step.flatMap(g -> g).filter(c -> c.action() != Change.Action.DELETE).map(Change::id);
        HealthGate.Outcome health = awaitHealth(revision, written, cancelled);
        if (health instanceof HealthGate.Cancelled) {
          cancel = true;
        } else if (health instanceof HealthGate.TimedOut t) {
          ResourceId first = t.unhealthy().head()._1;
          Change.Action action =
              step.flatMap(g -> g).find(c -> c.id().equals(first)).get().action();
          failure =
              Option.of(
                  ReconcileResult.Failure.of(
                      first,
                      action,
                      scrubber.scrub(
                          "health gate failed after "
                              + rollout.healthTimeout()
                              + ": "
                              + t.describe())));
        }
      }
      int applied =
          (int)
              results.subList(before, results.size()).stream()
                  .filter(ChangeResult::succeeded)
                  .count();
      emit(
          new GitOpsEvent.WaveFinished(
              clock.instant(), revision, index, steps.size(), applied, failure.isDefined()));
      if (failure.isDefined() || cancel) {
        return new Result(Vector.ofAll(results), failure, cancel);
      }
      if (gated
          && index == 1
          && steps.size() > 1
          && rollout.strategy() instanceof Rollout.Canary c) {
        if (!c.pause().isZero() && !pause(c.pause())) {
          return new Result(
              Vector.ofAll(results),
              Option.of(
                  ReconcileResult.Failure.of(
                      step.head().head().id(),
                      step.head().head().action(),
                      "interrupted during the canary pause")),
              false);
        }
        if (cancelled.getAsBoolean()) {
          return new Result(Vector.ofAll(results), Option.none(), true);
        }
      }
    }
    return new Result(Vector.ofAll(results), Option.none(), false);
  }

  private boolean pause(Duration pause) {
    try {
      scheduler.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HealthGate.Outcome awaitHealth(
      Revision revision, Seq<ResourceId> ids, BooleanSupplier cancelled) {
    if (ids.isEmpty()) {
      return new HealthGate.AllHealthy();
    }
    try {
      return gate.await(
          ids,
          rollout.healthTimeout(),
          rollout.healthInterval(),
          cancelled,
          (id, health) -> emitHealth(revision, id, health));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HealthGate.TimedOut(
          io.vavr.collection.LinkedHashMap.of(
              ids.head(), new Health(Health.Status.UNKNOWN, "interrupted")));
    }
  }

  private void emitHealth(Revision revision, ResourceId id, Health health) {
    emit(new GitOpsEvent.HealthChanged(clock.instant(), revision, id, health));
  }

  /** Runs one group of independent changes; appends their results in apply order. */
  private Option<ReconcileResult.Failure> runGroup(
      Revision revision,
      Seq<Change> group,
      ChangeRunner runner,
      java.util.List<ChangeResult> results) {
    try {
      runner.beforeGroup(group);
    } catch (RuntimeException e) {
      Change first = group.head();
      String message = messageOf(e);
      emit(
          new GitOpsEvent.ChangeFailed(
              clock.instant(), revision, first.id(), first.action(), message));
      return Option.of(ReconcileResult.Failure.of(first.id(), first.action(), message));
    }
    int workers = Math.min(rollout.maxParallel(), group.size());
    if (workers <= 1) {
      for (Change change : group) {
        ChangeResult r = attempt(revision, change, runner);
        results.add(r);
        if (!r.succeeded()) {
          return Option.of(failureOf(r));
        }
      }
      return Option.none();
    }
    Change[] changes = group.toJavaArray(Change[]::new);
    ChangeResult[] done = new ChangeResult[changes.length];
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<@Nullable Throwable> crash =
        new java.util.concurrent.atomic.AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(workers);
    java.util.@Nullable Map<String, String> mdc = MDC.getCopyOfContextMap();
    ExecutorService own = executor == null ? Executors.newFixedThreadPool(workers, daemon()) : null;
    Executor pool = own != null ? own : Objects.requireNonNull(executor);
    try {
      for (int w = 0; w < workers; w++) {
        pool.execute(
            () -> {
              if (mdc != null) {
                MDC.setContextMap(mdc);
              }
              try {
                while (!stop.get()) {
                  int i = next.getAndIncrement();
                  if (i >= changes.length) {
                    break;
                  }
                  done[i] = attempt(revision, changes[i], runner);
                  if (!done[i].succeeded()) {
                    stop.set(true);
                  }
                }
              } catch (RuntimeException | Error e) {
                stop.set(true);
                crash.compareAndSet(null, e);
              } finally {
                MDC.clear();
                finished.countDown();
              }
            });
      }
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.set(true);
    } finally {
      if (own != null) {
        own.shutdown();
      }
    }
    Throwable crashed = crash.get();
    if (crashed instanceof Error e) {
      throw e;
    }
    if (crashed instanceof RuntimeException e) {
      throw e;
    }
    Option<ReconcileResult.Failure> failure = Option.none();
    for (int i = 0; i < changes.length; i++) {
      ChangeResult r = done[i];
      if (r == null) {
        continue;
      }
      results.add(r);
      if (!r.succeeded() && failure.isEmpty()) {
        failure = Option.of(failureOf(r));
      }
    }
    if (failure.isEmpty() && next.get() < changes.length) {
      failure =
          Option.of(
              ReconcileResult.Failure.of(
                  changes[0].id(), changes[0].action(), "interrupted before every change ran"));
    }
    return failure;
  }

  private static ReconcileResult.Failure failureOf(ChangeResult r) {
    return ReconcileResult.Failure.of(r.id(), r.action(), r.message().getOrElse("failed"));
  }

  /** One change with its retries; never throws. */
  private ChangeResult attempt(Revision revision, Change change, ChangeRunner runner) {
    Instant start = clock.instant();
    if (runner.alreadyApplied(change)) {
      emit(new GitOpsEvent.ChangeApplied(clock.instant(), revision, change.id(), change.action()));
      return new ChangeResult(
          change.id(),
          change.action(),
          true,
          1,
          Duration.between(start, clock.instant()),
          Option.none());
    }
    int attempt = 0;
    while (true) {
      attempt++;
      String message;
      boolean retryable;
      try {
        if (bucket != null) {
          bucket.acquire();
        }
        Option<Duration> timeout = rollout.changeTimeout();
        if (timeout.isDefined()) {
          Timeouts.within(
              scheduler,
              timeout.get(),
              () -> {
                runner.run(change);
                return Boolean.TRUE;
              });
        } else {
          runner.run(change);
        }
        emit(
            new GitOpsEvent.ChangeApplied(clock.instant(), revision, change.id(), change.action()));
        return new ChangeResult(
            change.id(),
            change.action(),
            true,
            attempt,
            Duration.between(start, clock.instant()),
            Option.none());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        message = "interrupted";
        retryable = false;
      } catch (TimeoutException e) {
        message = "no answer within " + rollout.changeTimeout().get();
        retryable = true;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        message = messageOf(cause);
        retryable = cause instanceof TargetException t && t.isTransient();
      } catch (Exception e) {
        message = messageOf(e);
        retryable = e instanceof TargetException t && t.isTransient();
      }
      if (retryable && attempt < rollout.retry().maxAttempts()) {
        Duration backoff = rollout.retry().backoff(attempt, nextRandom());
        LOG.info(
            "{} {} failed (attempt {}), retrying in {}: {}",
            change.action().jsonName(),
            change.id(),
            attempt,
            backoff,
            message);
        emit(
            new GitOpsEvent.ChangeRetried(
                clock.instant(),
                revision,
                change.id(),
                change.action(),
                attempt,
                backoff,
                message));
        if (pause(backoff)) {
          continue;
        }
        message = message + "; interrupted during backoff";
      }
      LOG.warn("{} {} failed: {}", change.action().jsonName(), change.id(), message);
      emit(
          new GitOpsEvent.ChangeFailed(
              clock.instant(), revision, change.id(), change.action(), message));
      return new ChangeResult(
          change.id(),
          change.action(),
          false,
          attempt,
          Duration.between(start, clock.instant()),
          Option.of(message));
    }
  }

  private synchronized double nextRandom() {
    return random.nextDouble();
  }

  private String messageOf(Throwable e) {
    if (LOG.isDebugEnabled() && !(e instanceof TargetException)) {
      LOG.debug("a change failed", scrubber.scrubbed(e));
    }
    return scrubber.describe(e);
  }

  private synchronized void emit(GitOpsEvent event) {
    sink.accept(event);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "gitops4j-rollout-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
