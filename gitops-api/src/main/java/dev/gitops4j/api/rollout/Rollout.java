package dev.gitops4j.api.rollout;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How a plan is rolled out: the {@link Strategy} that cuts it into steps, the parallelism inside a
 * step, per-change timeout, retries of transient errors, a rate limit, and the health gate that
 * follows each step. Immutable; each method returns a changed copy and checks its argument at once.
 *
 * <p>Dependencies are always respected: whatever the strategy, a change runs only after the waves
 * before it finished. A step is followed by a health gate (unless {@link #withoutHealthGate()}):
 * every resource the step wrote is polled until all are healthy or {@link #healthTimeout()} passed.
 *
 * <pre>{@code
 * Rollout r = Rollout.waves().maxParallel(8).healthTimeout(Duration.ofSeconds(30));
 * Rollout c = Rollout.canary(2).pause(Duration.ofMinutes(5)).retry(Retry.DEFAULT);
 * }</pre>
 *
 * @param strategy how the plan is cut into steps
 * @param maxParallel the most changes applied at once inside a step, from 1 to 1024
 * @param changeTimeout the longest one change may take, or none for no limit
 * @param retry how transient failures of a change are retried
 * @param rateLimit the limit on calls to the target, or none for no limit
 * @param healthGate whether each step waits for its resources to be healthy
 * @param healthTimeout how long a health gate waits before it fails
 * @param healthInterval the pause between two health polls
 */
public record Rollout(
    Strategy strategy,
    int maxParallel,
    Option<Duration> changeTimeout,
    Retry retry,
    Option<RateLimit> rateLimit,
    boolean healthGate,
    Duration healthTimeout,
    Duration healthInterval) {

  /** How the changes of a plan are cut into steps, each followed by a health gate. */
  public sealed interface Strategy {
    /**
     * A short name for logs, events and the CLI.
     *
     * @return a short name for logs, events and the CLI
     */
    String describe();
  }

  /** One step with every change (waves still in order), one health gate at the end. */
  public record AllAtOnce() implements Strategy {
    @Override
    public String describe() {
      return "all-at-once";
    }
  }

  /** One step per dependency wave, a health gate after each. */
  public record Waves() implements Strategy {
    @Override
    public String describe() {
      return "waves";
    }
  }

  /**
   * Steps of {@code size} changes in apply order, or of {@code percent} per cent of the changes
   * (rounded up) when {@code size} is 0.
   *
   * @param size the changes per step, or 0 to use {@code percent}
   * @param percent the share of the changes per step, from 1 to 100, or 0 to use {@code size}
   */
  public record Batches(int size, int percent) implements Strategy {
    /**
     * Checks the step size.
     *
     * @param size the changes per step, or 0 to use {@code percent}
     * @param percent the share of the changes per step, from 1 to 100, or 0 to use {@code size}
     */
    public Batches {
      if (size < 0 || percent < 0 || percent > 100 || (size == 0) == (percent == 0)) {
        throw new IllegalArgumentException(
            "batches need a size of at least 1 or a percentage from 1 to 100, not size="
                + size
                + " percent="
                + percent);
      }
    }

    @Override
    public String describe() {
      return size > 0 ? "batches of " + size : "batches of " + percent + "%";
    }
  }

  /**
   * The first {@code first} changes, a health gate, an optional {@code pause}, then the rest with a
   * health gate of its own.
   *
   * @param first the changes in the canary step; at least 1
   * @param pause the wait after the canary's health gate; zero for none
   */
  public record Canary(int first, Duration pause) implements Strategy {
    /**
     * Checks the canary size.
     *
     * @param first the changes in the canary step; at least 1
     * @param pause the wait after the canary's health gate; zero for none
     */
    public Canary {
      if (first < 1) {
        throw new IllegalArgumentException("a canary needs at least 1 change, not " + first);
      }
      if (pause.isNegative()) {
        throw new IllegalArgumentException("pause must not be negative, not " + pause);
      }
    }

    @Override
    public String describe() {
      return "canary of " + first;
    }
  }

  /**
   * The default: waves, one change at a time (raise {@link #maxParallel} for a target that takes
   * concurrent calls), default retries, 5 minute health timeout, 2 s polling.
   */
  public static final Rollout DEFAULT =
      new Rollout(
          new Waves(),
          1,
          Option.none(),
          Retry.DEFAULT,
          Option.none(),
          true,
          Duration.ofMinutes(5),
          Duration.ofSeconds(2));

  /**
   * Checks the limits.
   *
   * @param strategy how the plan is cut into steps
   * @param maxParallel the most changes applied at once inside a step, from 1 to 1024
   * @param changeTimeout the longest one change may take, or none for no limit
   * @param retry how transient failures of a change are retried
   * @param rateLimit the limit on calls to the target, or none for no limit
   * @param healthGate whether each step waits for its resources to be healthy
   * @param healthTimeout how long a health gate waits before it fails
   * @param healthInterval the pause between two health polls
   */
  public Rollout {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(changeTimeout, "changeTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(healthTimeout, "healthTimeout");
    Objects.requireNonNull(healthInterval, "healthInterval");
    if (maxParallel < 1 || maxParallel > 1024) {
      throw new IllegalArgumentException("maxParallel must be from 1 to 1024, not " + maxParallel);
    }
    changeTimeout.forEach(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("changeTimeout must be positive, not " + t);
          }
        });
    if (healthTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "healthTimeout must not be negative, not " + healthTimeout);
    }
    if (healthInterval.isNegative() || healthInterval.isZero()) {
      throw new IllegalArgumentException("healthInterval must be positive, not " + healthInterval);
    }
  }

  /**
   * Every change in one step. As no order inside a wave is asked for, the built-in reconciler
   * starts writing the creates without dependencies while the plan is still being made.
   *
   * @return every change in one step
   */
  public static Rollout allAtOnce() {
    return DEFAULT.strategy(new AllAtOnce());
  }

  /**
   * One step per dependency wave (the default).
   *
   * @return one step per dependency wave (the default)
   */
  public static Rollout waves() {
    return DEFAULT;
  }

  /**
   * Steps of {@code size} changes.
   *
   * @param size changes per step
   * @return steps of {@code size} changes
   */
  public static Rollout batches(int size) {
    return DEFAULT.strategy(new Batches(size, 0));
  }

  /**
   * Steps of {@code percent} per cent of the changes.
   *
   * @param percent per cent of the changes per step
   * @return steps of {@code percent} per cent of the changes
   */
  public static Rollout batchesPercent(int percent) {
    return DEFAULT.strategy(new Batches(0, percent));
  }

  /**
   * The first {@code first} changes, a health gate, then the rest.
   *
   * @param first how many changes go first
   * @return the first {@code first} changes, a health gate, then the rest
   */
  public static Rollout canary(int first) {
    return DEFAULT.strategy(new Canary(first, Duration.ZERO));
  }

  /**
   * The same with another strategy.
   *
   * @param value the strategy
   * @return the same with another strategy
   */
  public Rollout strategy(Strategy value) {
    return new Rollout(
        value,
        maxParallel,
        changeTimeout,
        retry,
        rateLimit,
        healthGate,
        healthTimeout,
        healthInterval);
  }

  /**
   * At most {@code value} changes in flight at once (1 to 1024).
   *
   * @param value the most changes in flight
   * @return at most {@code value} changes in flight at once (1 to 1024)
   */
  public Rollout maxParallel(int value) {
    return new Rollout(
        strategy,
        value,
        changeTimeout,
        retry,
        rateLimit,
        healthGate,
        healthTimeout,
        healthInterval);
  }

  /**
   * A change not answered within {@code value} fails (and may be retried as transient).
   *
   * @param value the longest wait for one change
   * @return a change not answered within {@code value} fails (and may be retried as transient)
   */
  public Rollout changeTimeout(Duration value) {
    return new Rollout(
        strategy,
        maxParallel,
        Option.of(value),
        retry,
        rateLimit,
        healthGate,
        healthTimeout,
        healthInterval);
  }

  /**
   * How transient errors are retried.
   *
   * @param value the retry policy
   * @return how transient errors are retried
   */
  public Rollout retry(Retry value) {
    return new Rollout(
        strategy,
        maxParallel,
        changeTimeout,
        Objects.requireNonNull(value, "retry"),
        rateLimit,
        healthGate,
        healthTimeout,
        healthInterval);
  }

  /**
   * At most this many target calls a second.
   *
   * @param value the rate limit
   * @return at most this many target calls a second
   */
  public Rollout rateLimit(RateLimit value) {
    return new Rollout(
        strategy,
        maxParallel,
        changeTimeout,
        retry,
        Option.of(value),
        healthGate,
        healthTimeout,
        healthInterval);
  }

  /**
   * How long a health gate waits for every resource of a step to be healthy.
   *
   * @param value the longest wait of a health gate
   * @return how long a health gate waits for every resource of a step to be healthy
   */
  public Rollout healthTimeout(Duration value) {
    return new Rollout(
        strategy, maxParallel, changeTimeout, retry, rateLimit, true, value, healthInterval);
  }

  /**
   * How often a health gate polls.
   *
   * @param value the time between two polls
   * @return how often a health gate polls
   */
  public Rollout healthInterval(Duration value) {
    return new Rollout(
        strategy, maxParallel, changeTimeout, retry, rateLimit, healthGate, healthTimeout, value);
  }

  /**
   * No health gates: a step is done when its writes are.
   *
   * @return no health gates: a step is done when its writes are
   */
  public Rollout withoutHealthGate() {
    return new Rollout(
        strategy,
        maxParallel,
        changeTimeout,
        retry,
        rateLimit,
        false,
        healthTimeout,
        healthInterval);
  }

  /**
   * For a canary: wait {@code value} after the canary's health gate before the rest.
   *
   * @param value the pause after the canary
   * @throws IllegalStateException if the strategy is not a canary
   * @return for a canary: wait {@code value} after the canary's health gate before the rest
   */
  public Rollout pause(Duration value) {
    if (!(strategy instanceof Canary c)) {
      throw new IllegalStateException(
          "pause(...) is for a canary rollout, not " + strategy.describe());
    }
    return strategy(new Canary(c.first(), value));
  }
}
