package dev.gitops4j.api.time;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler#system()}: the one place where the library blocks on the wall clock. */
record SystemScheduler(Clock clock) implements Scheduler {
  static final SystemScheduler UTC = new SystemScheduler(Clock.systemUTC());

  SystemScheduler {
    Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot sleep for a negative duration: " + duration);
    }
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    TimeUnit.NANOSECONDS.sleep(nanos);
  }
}
