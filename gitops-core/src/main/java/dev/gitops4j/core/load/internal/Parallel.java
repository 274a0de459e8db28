package dev.gitops4j.core.load.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies a function to every item of a list on up to {@code parallelism} threads: the caller's and
 * helpers submitted to an injected {@link Executor}, each taking the next batch of items until none
 * is left. Results come back in the items' order, so the outcome does not depend on the scheduling.
 * The caller works too and only waits for batches already taken, so a busy or rejecting executor
 * slows the call down but never blocks it.
 */
public final class Parallel {
  private static final int BATCH = 32;

  private Parallel() {}

  /**
   * {@code f} of every item, in order.
   *
   * @throws RuntimeException the first exception {@code f} threw, once every item is done
   */
  public static <T, R> List<R> map(
      List<T> items, Function<T, R> f, int parallelism, Executor executor, int minItems) {
    int n = items.size();
    if (parallelism <= 1 || n < minItems) {
      List<R> out = new ArrayList<>(n);
      for (T item : items) {
        out.add(f.apply(item));
      }
      return out;
    }
    Object[] out = new Object[n];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(n);
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          for (int start = next.getAndAdd(BATCH); start < n; start = next.getAndAdd(BATCH)) {
            for (int i = start; i < Math.min(n, start + BATCH); i++) {
              try {
                out[i] = f.apply(items.get(i));
              } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
              } finally {
                finished.countDown();
              }
            }
          }
        };
    for (int t = 1; t < parallelism && t * BATCH < n; t++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    worker.run();
    awaitUninterruptibly(finished);
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException r) {
      throw r;
    }
    if (failed instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    List<R> results = (List<R>) Arrays.asList(out);
    return results;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
