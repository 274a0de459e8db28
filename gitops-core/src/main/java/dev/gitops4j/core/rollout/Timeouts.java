package dev.gitops4j.core.rollout;

import dev.gitops4j.api.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A per-change timeout on both clocks: the call runs on a daemon thread and is abandoned
 * (interrupted) when it does not answer within the timeout on the wall clock, and an answer that
 * came later than the timeout on the scheduler's clock (virtual time) counts as a timeout too.
 */
final class Timeouts {
  private Timeouts() {}

  static <T> T within(Scheduler scheduler, Duration timeout, Callable<T> call)
      throws TimeoutException, ExecutionException, InterruptedException {
    Instant start = scheduler.clock().instant();
    ExecutorService one =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "gitops4j-change");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<T> future = one.submit(call);
      T value;
      try {
        value = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw e;
      }
      if (Duration.between(start, scheduler.clock().instant()).compareTo(timeout) > 0) {
        throw new TimeoutException("answered after the timeout");
      }
      return value;
    } finally {
      one.shutdownNow();
    }
  }
}
