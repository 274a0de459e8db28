package dev.gitops4j.testkit;

import dev.gitops4j.api.time.Scheduler;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Clock} that only moves when told to, and the deterministic {@link Scheduler} over it.
 *
 * <p>Give it to {@code GitOps.builder().scheduler(clock)} and every wait of the library (retry
 * backoff, health polling, lock waits) moves this clock instead of blocking: an hour of polling
 * runs in microseconds, and the same test gives the same times on every run. {@link #sleep} never
 * blocks: it moves the clock to the sleeper's wake-up time (never backwards, so concurrent sleepers
 * end at the latest of their wake-up times) and records the duration for assertions.
 *
 * <p>Tasks {@linkplain #schedule scheduled} at a virtual time run, in time order, on the thread
 * that moves the clock past that time (by {@link #advance} or {@link #sleep}), with the clock set
 * to their due time: a test scripts "someone edits the target at minute 5" this way.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.create();
 * clock.schedule(Duration.ofMinutes(5), () -> target.putOutOfBand(id, edited));
 * clock.advance(Duration.ofMinutes(10));   // runs the edit at 00:05
 * }</pre>
 */
public final class VirtualClock extends Clock implements Scheduler {
  /** Where a {@link #create()}d clock starts: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final State state;
  private final ZoneId zone;

  private VirtualClock(State state, ZoneId zone) {
    this.state = state;
    this.zone = zone;
  }

  /**
   * A clock at {@link #DEFAULT_START}, in UTC.
   *
   * @return a clock at {@link #DEFAULT_START}, in UTC
   */
  public static VirtualClock create() {
    return at(DEFAULT_START);
  }

  /**
   * A clock at {@code start}, in UTC.
   *
   * @param start the starting instant
   * @return a clock at {@code start}, in UTC
   */
  public static VirtualClock at(Instant start) {
    return new VirtualClock(new State(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  @Override
  public Instant instant() {
    synchronized (state) {
      return state.now;
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same virtual time seen in another zone; advancing either moves both. */
  @Override
  public VirtualClock withZone(ZoneId newZone) {
    return new VirtualClock(state, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public Clock clock() {
    return this;
  }

  /**
   * Moves the clock forward by {@code duration}, running each scheduled task that falls due on the
   * way, in time order.
   *
   * @param duration how far to move
   * @throws IllegalArgumentException if {@code duration} is negative
   * @return this clock
   */
  public VirtualClock advance(Duration duration) {
    requireNotNegative(duration);
    Instant to;
    synchronized (state) {
      to = state.now.plus(duration);
    }
    advanceTo(to);
    return this;
  }

  /**
   * Moves the clock to {@code instant} (not backwards), running the tasks due by then.
   *
   * @param instant where to move
   * @throws IllegalArgumentException if {@code instant} is before now
   * @return this clock
   */
  public VirtualClock advanceTo(Instant instant) {
    moveTo(Objects.requireNonNull(instant, "instant"), true);
    return this;
  }

  /**
   * Waits without blocking: moves the clock to the caller's wake-up time (unless it is already
   * later) and records the duration in {@link #sleeps()}.
   */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    requireNotNegative(duration);
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a virtual sleep");
    }
    Instant wake;
    synchronized (state) {
      state.sleeps = state.sleeps.prepend(duration);
      wake = state.now.plus(duration);
    }
    moveTo(wake, false);
  }

  private void moveTo(Instant instant, boolean strict) {
    while (true) {
      Task next;
      synchronized (state) {
        if (instant.isBefore(state.now)) {
          if (strict) {
            throw new IllegalArgumentException(
                "a virtual clock never goes back: it is " + state.now + ", asked for " + instant);
          }
          return;
        }
        Task head = state.tasks.peek();
        if (head == null || head.due.isAfter(instant)) {
          state.now = instant;
          return;
        }
        next = state.tasks.remove();
        if (next.due.isAfter(state.now)) {
          state.now = next.due;
        }
      }
      next.action.run();
    }
  }

  /**
   * Runs {@code task} when the clock reaches now + {@code delay}; tasks due at the same instant run
   * in the order they were scheduled.
   *
   * @param delay how long from now
   * @param task what to run
   * @return this clock
   */
  public VirtualClock schedule(Duration delay, Runnable task) {
    requireNotNegative(delay);
    synchronized (state) {
      return scheduleAt(state.now.plus(delay), task);
    }
  }

  /**
   * Runs {@code task} when the clock reaches {@code at} (at once on the next move if past).
   *
   * @param at when to run it
   * @param task what to run
   * @return this clock
   */
  public VirtualClock scheduleAt(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    synchronized (state) {
      state.tasks.add(new Task(at, state.sequence++, task));
    }
    return this;
  }

  /**
   * Every duration passed to {@link #sleep}, oldest first.
   *
   * @return every duration passed to {@link #sleep}, oldest first
   */
  public Seq<Duration> sleeps() {
    synchronized (state) {
      return state.sleeps.reverse();
    }
  }

  /**
   * The sum of every {@link #sleep}: how long the code under test waited.
   *
   * @return the sum of every {@link #sleep}: how long the code under test waited
   */
  public Duration slept() {
    return sleeps().foldLeft(Duration.ZERO, Duration::plus);
  }

  /**
   * How many scheduled tasks have not run yet.
   *
   * @return how many scheduled tasks have not run yet
   */
  public int pendingTasks() {
    synchronized (state) {
      return state.tasks.size();
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VirtualClock v && v.state == state && v.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(state) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "VirtualClock[" + instant() + "]";
  }

  private static void requireNotNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + d);
    }
  }

  private static final class State {
    Instant now;
    long sequence;
    List<Duration> sleeps = List.empty();
    final PriorityQueue<Task> tasks = new PriorityQueue<>();

    State(Instant start) {
      this.now = start;
    }
  }

  private record Task(Instant due, long sequence, Runnable action) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
