package dev.gitops4j.core.trigger;

import dev.gitops4j.api.time.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action once for a burst of requests: the first {@link #request()} starts a quiet period
 * (waited through the injected {@link Scheduler}), requests during it are folded in, then the
 * action runs once on the debouncer's own thread. A request while the action runs queues one more
 * run. Webhooks and the Git server's post-receive hook use it so that five pushes in a second give
 * one reconcile, and the HTTP or Git connection never waits for a reconcile.
 */
public final class Debouncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Debouncer.class);

  private final Runnable action;
  private final Duration quiet;
  private final Scheduler scheduler;
  private final Thread thread;
  private final Object lock = new Object();
  private boolean pending;
  private boolean closed;
  private long runs;

  private Debouncer(Runnable action, Duration quiet, Scheduler scheduler, ThreadFactory threads) {
    this.action = Objects.requireNonNull(action, "action");
    this.quiet = Objects.requireNonNull(quiet, "quiet");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (quiet.isNegative()) {
      throw new IllegalArgumentException("quiet period must not be negative: " + quiet);
    }
    this.thread = threads.newThread(this::loop);
    thread.start();
  }

  /**
   * Starts a debouncer on a daemon thread named {@code gitops4j-debouncer}.
   *
   * @param action what to run once per burst, such as a poll; an exception it throws is logged and
   *     the debouncer keeps going
   * @param quiet how long to wait after the first request for more to arrive; zero runs at once,
   *     never negative
   * @param scheduler waits through the quiet period, so a virtual clock makes it instant in tests
   * @return the running debouncer; close it to stop its thread
   * @throws IllegalArgumentException if {@code quiet} is negative
   */
  public static Debouncer start(Runnable action, Duration quiet, Scheduler scheduler) {
    return start(
        action,
        quiet,
        scheduler,
        r -> {
          Thread t = new Thread(r, "gitops4j-debouncer");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Starts a debouncer on a thread from {@code threads}.
   *
   * @param action what to run once per burst; an exception it throws is logged and the debouncer
   *     keeps going
   * @param quiet how long to wait after the first request for more to arrive; zero runs at once,
   *     never negative
   * @param scheduler waits through the quiet period
   * @param threads makes the one thread the action runs on (it is started here), to name it or to
   *     run it in a container's thread group
   * @return the running debouncer; close it to stop its thread
   * @throws IllegalArgumentException if {@code quiet} is negative
   */
  public static Debouncer start(
      Runnable action, Duration quiet, Scheduler scheduler, ThreadFactory threads) {
    return new Debouncer(action, quiet, scheduler, threads);
  }

  /** Asks for a run; returns at once. */
  public void request() {
    synchronized (lock) {
      pending = true;
      lock.notifyAll();
    }
  }

  /**
   * How many times the action has finished.
   *
   * @return the count of finished runs, failed ones included; tests wait on it instead of sleeping
   */
  public long runs() {
    synchronized (lock) {
      return runs;
    }
  }

  private void loop() {
    try {
      while (true) {
        synchronized (lock) {
          while (!pending && !closed) {
            lock.wait();
          }
          if (closed) {
            return;
          }
        }
        scheduler.sleep(quiet);
        synchronized (lock) {
          pending = false;
        }
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("debounced action failed: {}", e.toString());
        }
        synchronized (lock) {
          runs++;
          lock.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread; a run in progress finishes first. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
