package dev.gitops4j.api.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Where the library takes its time and its waiting from: the clock it reads and the way it sleeps
 * between attempts (retry backoff, health polling, lock waits, repository polling).
 *
 * <p>Every wait of the library goes through an injected {@code Scheduler}, never through {@link
 * Thread#sleep} directly, so a test can swap in the testkit's {@code VirtualClock}, under which an
 * hour of polling runs in microseconds and every run is reproducible. Production code uses {@link
 * #system()}.
 *
 * <pre>{@code
 * boolean healthy = scheduler.await(() -> target.health(id).isHealthy(),
 *     Duration.ofMinutes(5), Duration.ofSeconds(2));
 * }</pre>
 */
public interface Scheduler {

  /**
   * The clock this scheduler's time is read from.
   *
   * @return the clock this scheduler's time is read from
   */
  Clock clock();

  /**
   * Waits for {@code duration}. A virtual scheduler moves its clock instead of blocking.
   *
   * @param duration how long to wait
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The current instant of {@link #clock()}.
   *
   * @return the current instant of {@link #clock()}
   */
  default Instant now() {
    return clock().instant();
  }

  /**
   * Checks {@code condition} every {@code interval} until it holds or {@code timeout} has passed on
   * this scheduler's clock. The condition is checked once more at the deadline.
   *
   * @param condition what to wait for
   * @param timeout the longest wait
   * @param interval the time between two checks
   * @return true if the condition held before the deadline, false on timeout
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws IllegalArgumentException if the timeout is negative or the interval is not positive
   */
  default boolean await(BooleanSupplier condition, Duration timeout, Duration interval)
      throws InterruptedException {
    Objects.requireNonNull(condition, "condition");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    Instant deadline = now().plus(timeout);
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Duration left = Duration.between(now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return false;
      }
      sleep(left.compareTo(interval) < 0 ? left : interval);
    }
  }

  /**
   * The wall clock (UTC) and real sleeping: what production code uses.
   *
   * @return a scheduler on the wall clock (UTC) that really sleeps: what production code uses
   */
  static Scheduler system() {
    return SystemScheduler.UTC;
  }

  /**
   * Real sleeping, with time read from {@code clock}.
   *
   * @param clock where time is read
   * @return a scheduler that really sleeps and reads time from {@code clock}
   */
  static Scheduler system(Clock clock) {
    return new SystemScheduler(clock);
  }
}
