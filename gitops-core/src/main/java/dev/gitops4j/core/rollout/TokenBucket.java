package dev.gitops4j.core.rollout;

import dev.gitops4j.api.rollout.RateLimit;
import dev.gitops4j.api.time.Scheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on a {@link Scheduler}'s time: {@link #acquire()} takes one token, waiting through
 * the scheduler until one is free. Callers reserve their slot under the lock and wait outside it,
 * so N threads waiting for N tokens wait once each, in parallel, and the long-run rate is exactly
 * the configured one.
 */
public final class TokenBucket {
  private final Scheduler scheduler;
  private final long nanosPerToken;
  private final long burstNanos;
  private Instant nextFree;

  /**
   * A full bucket for {@code limit} on {@code scheduler}'s clock.
   *
   * @param limit the rate and burst
   * @param scheduler the clock and the waits
   */
  public TokenBucket(RateLimit limit, Scheduler scheduler) {
    this.scheduler = scheduler;
    this.nanosPerToken = Math.max(1L, (long) (1_000_000_000.0 / limit.perSecond()));
    this.burstNanos = nanosPerToken * (limit.burst() - 1L);
    this.nextFree = scheduler.clock().instant().minusNanos(burstNanos);
  }

  /**
   * Takes one token, waiting for it if the bucket is empty.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero() && !wait.isNegative()) {
      scheduler.sleep(wait);
    }
  }

  /** Reserves the next token and returns how long to wait for it. */
  synchronized Duration reserve() {
    Instant now = scheduler.clock().instant();
    Instant earliest = now.minusNanos(burstNanos);
    if (nextFree.isBefore(earliest)) {
      nextFree = earliest;
    }
    Instant slot = nextFree;
    nextFree = nextFree.plusNanos(nanosPerToken);
    return slot.isAfter(now) ? Duration.between(now, slot) : Duration.ZERO;
  }
}
