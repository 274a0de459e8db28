package dev.gitops4j.api.rollout;

import java.time.Duration;

/**
 * How a change that failed with a transient {@link dev.gitops4j.api.target.TargetException} is
 * retried: up to {@code maxAttempts} attempts in all, waiting {@code initialBackoff} after the
 * first failure, multiplied by {@code multiplier} after each next one up to {@code maxBackoff},
 * each wait shortened by a random part of up to {@code jitter} (0 to 1) of itself. Permanent errors
 * are never retried.
 *
 * <pre>{@code
 * Retry retry = Retry.exponential(5, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10));
 * }</pre>
 *
 * @param maxAttempts the attempts in all, the first one included; 1 means no retry
 * @param initialBackoff the wait after the first failure; not negative
 * @param maxBackoff the ceiling for one wait; not shorter than {@code initialBackoff}
 * @param multiplier the factor applied to the wait after each further failure; at least 1
 * @param jitter the largest fraction, from 0 to 1, randomly cut from each wait
 */
public record Retry(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter) {

  /** No retries: one attempt. */
  public static final Retry NONE = new Retry(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0);

  /** Three attempts, 100 ms doubling up to 5 s, 20% jitter: the default. */
  public static final Retry DEFAULT =
      new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2);

  /**
   * Checks the attempts, backoffs, multiplier and jitter.
   *
   * @param maxAttempts the attempts in all, the first one included; 1 means no retry
   * @param initialBackoff the wait after the first failure; not negative
   * @param maxBackoff the ceiling for one wait; not shorter than {@code initialBackoff}
   * @param multiplier the factor applied to the wait after each further failure; at least 1
   * @param jitter the largest fraction, from 0 to 1, randomly cut from each wait
   */
  public Retry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, not " + jitter);
    }
  }

  /**
   * Up to {@code maxAttempts} attempts, doubling from {@code initialBackoff}, 20% jitter.
   *
   * @param maxAttempts the attempts in all; at least 1
   * @param initialBackoff the wait after the first failure; waits stop growing at 64 times it
   * @return the policy
   */
  public static Retry exponential(int maxAttempts, Duration initialBackoff) {
    Duration max = initialBackoff.multipliedBy(64);
    return new Retry(maxAttempts, initialBackoff, max, 2.0, 0.2);
  }

  /**
   * The same with another number of attempts in all (at least 1).
   *
   * @param value the attempts in all, the first one included
   * @return a copy with {@code maxAttempts} set
   */
  public Retry attempts(int value) {
    return new Retry(value, initialBackoff, maxBackoff, multiplier, jitter);
  }

  /**
   * The same with another ceiling for one wait.
   *
   * @param value the longest wait; not shorter than {@code initialBackoff}
   * @return a copy with {@code maxBackoff} set
   */
  public Retry maxBackoff(Duration value) {
    return new Retry(maxAttempts, initialBackoff, value, multiplier, jitter);
  }

  /**
   * The same with another jitter fraction (0 to 1).
   *
   * @param value the fraction; 0 for exact waits
   * @return a copy with {@code jitter} set
   */
  public Retry jitter(double value) {
    return new Retry(maxAttempts, initialBackoff, maxBackoff, multiplier, value);
  }

  /**
   * The wait before attempt {@code attempt + 1} after {@code attempt} failed ({@code attempt >=
   * 1}), given a uniform random number {@code random} in [0, 1).
   *
   * @param attempt the number of attempts made so far, at least 1
   * @param random a uniform random number in [0, 1); 0 gives the longest wait
   * @return the wait, never above {@code maxBackoff}
   */
  public Duration backoff(int attempt, double random) {
    double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(nanos, (double) maxBackoff.toNanos());
    double jittered = capped * (1.0 - jitter * random);
    return Duration.ofNanos((long) jittered);
  }
}
