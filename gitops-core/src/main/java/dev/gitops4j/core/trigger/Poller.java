package dev.gitops4j.core.trigger;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Repository;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.GitOps;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link GitOps}' repository and reconciles when the ref moved, like Flux's {@code
 * GitRepository.spec.interval}.
 *
 * <ul>
 *   <li>Waits {@code interval} plus a random jitter (a fraction of the interval, from a seeded
 *       generator) between polls, through the injected {@link Scheduler}: under the testkit's
 *       {@code VirtualClock} an hour of polling takes no wall-clock time.
 *   <li>Reconciles only when the resolved commit differs from the last one it reconciled.
 *   <li>When the repository cannot be read, the target keeps its last good state, the result is
 *       {@link PollResult.Stalled} with the cause, and the wait doubles per failure up to a cap.
 *   <li>A ref that moved to a commit not descending from the last one (a force push) is refused
 *       unless {@link Builder#allowForcePush} is set.
 * </ul>
 *
 * <pre>{@code
 * Poller poller = Poller.builder(gitops).interval(Duration.ofMinutes(1)).build();
 * poller.run(() -> !Thread.currentThread().isInterrupted());
 * }</pre>
 */
public final class Poller {
  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

  private final GitOps gitops;
  private final Scheduler scheduler;
  private final Duration interval;
  private final double jitter;
  private final Duration maxBackoff;
  private final boolean allowForcePush;
  private final SplittableRandom random;
  private final Consumer<PollResult> listener;

  private final @Nullable Revision baseline;
  private @Nullable Revision lastSeen;
  private @Nullable Revision lastGood;
  private int failures;
  private @Nullable PollResult last;

  private Poller(Builder b) {
    this.gitops = b.gitops;
    this.scheduler = b.scheduler != null ? b.scheduler : b.gitops.scheduler();
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.maxBackoff = b.maxBackoff != null ? b.maxBackoff : b.interval.multipliedBy(16);
    this.allowForcePush = b.allowForcePush;
    this.random = new SplittableRandom(b.seed);
    this.listener = b.listener;
    this.baseline = b.baseline;
  }

  /**
   * A builder polling {@code gitops}' repository and reconciling onto its target.
   *
   * @param gitops a {@link GitOps} with a target; its repository is resolved at every poll and its
   *     scheduler is the default one
   * @return a builder with a one-minute interval, 10% jitter and force pushes refused
   */
  public static Builder builder(GitOps gitops) {
    return new Builder(gitops);
  }

  /**
   * Polls once: resolves the ref (fetching a remote), and reconciles if it moved. Thread-safe:
   * concurrent calls (from a webhook, a Git server's hooks and the timer) run one after the other,
   * holding the {@link GitOps} instance's monitor.
   *
   * @return what the poll found and did, also passed to the listener
   */
  public PollResult poll() {
    synchronized (gitops) {
      synchronized (this) {
        return pollLocked();
      }
    }
  }

  private PollResult pollLocked() {
    Instant at = scheduler.now();
    Repository repository = gitops.repository();
    Either<Problem, Revision> resolved = repository.resolve();
    if (resolved.isLeft()) {
      failures++;
      return report(
          new PollResult.Stalled(
              at, resolved.getLeft(), failures, Option.of(lastGood), backoff(failures)));
    }
    Revision revision = resolved.get();
    Revision previous = lastSeen != null ? lastSeen : baseline;
    if (lastSeen != null && lastSeen.commit().equals(revision.commit())) {
      failures = 0;
      return report(new PollResult.Unchanged(at, revision, next(interval)));
    }
    if (previous != null && !allowForcePush && !previous.commit().equals(revision.commit())) {
      Either<Problem, Boolean> descends =
          repository.isAncestor(previous.commit(), revision.commit());
      if (descends.isLeft() || !descends.get()) {
        String reason =
            descends.isLeft()
                ? descends.getLeft().message()
                : "the ref moved from "
                    + previous.shortId()
                    + " to "
                    + revision.shortId()
                    + ", which does not descend from it (a force push); allow force pushes to"
                    + " follow it";
        return report(
            new PollResult.Refused(
                at, revision, previous, reason, Option.of(lastGood), next(interval)));
      }
    }
    Validation<Seq<Problem>, ReconcileResult> outcome = gitops.reconcile();
    if (outcome.isInvalid()) {
      lastSeen = revision;
      failures = 0;
      return report(new PollResult.Invalid(at, revision, outcome.getError(), next(interval)));
    }
    ReconcileResult result = outcome.get();
    if (result.succeeded()) {
      lastSeen = result.revision();
      lastGood = result.revision();
      failures = 0;
      return report(new PollResult.Reconciled(at, result, next(interval)));
    }
    failures++;
    return report(new PollResult.Reconciled(at, result, backoff(failures)));
  }

  /**
   * Polls until {@code keepGoing} says stop, waiting between polls through the scheduler. It is
   * checked before every poll and again before every wait, so {@code () -> polls < n} (counted by a
   * listener) stops right after the n-th poll.
   *
   * @param keepGoing asked before every poll and before every wait; false ends the loop
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public void run(BooleanSupplier keepGoing) throws InterruptedException {
    while (keepGoing.getAsBoolean()) {
      PollResult result = poll();
      if (!keepGoing.getAsBoolean()) {
        return;
      }
      scheduler.sleep(result.nextPollIn());
    }
  }

  /**
   * The outcome of the latest poll, if any.
   *
   * @return the latest result, or none before the first poll
   */
  public synchronized Option<PollResult> lastResult() {
    return Option.of(last);
  }

  /**
   * The last revision reconciled successfully, if any.
   *
   * @return the revision of the last successful reconcile by this poller, or none (a baseline does
   *     not count)
   */
  public synchronized Option<Revision> lastGood() {
    return Option.of(lastGood);
  }

  private PollResult report(PollResult result) {
    last = result;
    if (result instanceof PollResult.Stalled s) {
      LOG.warn(
          "stalled ({} in a row): {}; next poll in {}", s.failures(), s.cause(), s.nextPollIn());
    } else if (result instanceof PollResult.Refused r) {
      LOG.warn("refused {}: {}", r.revision().shortId(), r.reason());
    } else {
      LOG.debug("{}", result);
    }
    try {
      listener.accept(result);
    } catch (RuntimeException e) {
      LOG.warn("poll listener failed: {}", e.toString());
    }
    return result;
  }

  private Duration backoff(int failureCount) {
    int shift = Math.min(failureCount, 30);
    Duration base = interval.multipliedBy(1L << shift);
    return next(base.compareTo(maxBackoff) > 0 || base.isNegative() ? maxBackoff : base);
  }

  private Duration next(Duration base) {
    if (jitter == 0) {
      return base;
    }
    long extra = (long) (base.toMillis() * jitter * random.nextDouble());
    return base.plusMillis(extra);
  }

  /** Configures a {@link Poller}. */
  public static final class Builder {
    private final GitOps gitops;
    private @Nullable Scheduler scheduler;
    private Duration interval = Duration.ofMinutes(1);
    private double jitter = 0.1;
    private @Nullable Duration maxBackoff;
    private boolean allowForcePush;
    private @Nullable Revision baseline;
    private long seed = System.nanoTime();
    private Consumer<PollResult> listener = r -> {};

    private Builder(GitOps gitops) {
      this.gitops = Objects.requireNonNull(gitops, "gitops");
    }

    /**
     * Time between polls (default one minute).
     *
     * @param value the wait between polls when nothing fails; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public Builder interval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("interval must be positive, not " + value);
      }
      this.interval = value;
      return this;
    }

    /**
     * Random extra wait, as a fraction of the interval in [0, 1] (default 0.1).
     *
     * @param fraction the largest extra wait as a fraction of the wait it is added to; 0 disables
     *     jitter
     * @return this builder
     * @throws IllegalArgumentException if {@code fraction} is outside [0, 1] or not a number
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("jitter must be between 0 and 1, not " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /**
     * The longest wait after repeated failures (default 16 intervals).
     *
     * @param value the cap on the doubling wait after failures; positive and not shorter than the
     *     interval
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public Builder maxBackoff(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("maxBackoff must be positive, not " + value);
      }
      this.maxBackoff = value;
      return this;
    }

    /**
     * Follow a ref that was force-pushed (default: refuse, keep the last good state).
     *
     * @param value true to reconcile a ref that no longer descends from the last commit
     * @return this builder
     */
    public Builder allowForcePush(boolean value) {
      this.allowForcePush = value;
      return this;
    }

    /**
     * The revision applied before this poller started, such as the state store's {@code
     * lastApplied()}: the first poll reconciles (to heal drift) but refuses a commit that does not
     * descend from it, so a force push made while nothing was polling is caught too.
     *
     * @param value the revision the target holds when polling starts
     * @return this builder
     */
    public Builder baseline(Revision value) {
      this.baseline = Objects.requireNonNull(value, "baseline");
      return this;
    }

    /**
     * The seed of the jitter, for reproducible runs.
     *
     * @param value the seed of the jitter's generator (default: {@code System.nanoTime()} when the
     *     builder is made, so two pollers do not poll in step)
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * How to wait (default: the scheduler of the {@link GitOps}).
     *
     * @param value the scheduler that reads the time of each poll and waits between polls
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * Receives every poll's result.
     *
     * @param value called with each result on the polling thread; an exception it throws is logged
     *     and ignored
     * @return this builder
     */
    public Builder listener(Consumer<PollResult> value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * The poller.
     *
     * @return a poller that has not polled yet
     * @throws IllegalArgumentException if the maximum backoff is shorter than the interval
     */
    public Poller build() {
      if (maxBackoff != null && maxBackoff.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff " + maxBackoff + " is shorter than the interval " + interval);
      }
      return new Poller(this);
    }
  }
}
