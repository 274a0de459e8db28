package dev.gitops4j.core.metrics;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.event.GitOpsListener;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A listener that counts what reconciles do and times them, with Micrometer-style dotted names and
 * tags, and no metrics library: read {@link #counters()} and {@link #timers()} and hand them to
 * whatever back end you use. Thread-safe.
 *
 * <p>Counters: {@code gitops.reconcile.count{status=...}}, {@code
 * gitops.change.applied{action=...}}, {@code gitops.change.failed{action=...}}, {@code
 * gitops.change.retried}, {@code gitops.health.changed{status=...}}, {@code
 * gitops.wave.finished{failed=...}}, {@code gitops.rollback.started}, {@code
 * gitops.rollback.finished{succeeded=...}}, {@code gitops.drift.detected}, {@code
 * gitops.reconcile.skipped}, {@code gitops.validation.failed}. Timers: {@code
 * gitops.reconcile.duration}, {@code gitops.wave.duration}, {@code gitops.change.backoff}.
 *
 * <pre>{@code
 * MetricsListener metrics = new MetricsListener();
 * GitOps.builder()...listener(metrics).build().reconcile();
 * long applied = metrics.count("gitops.change.applied{action=create}");
 * }</pre>
 */
public final class MetricsListener implements GitOpsListener {
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> started = new ConcurrentHashMap<>();

  /**
   * A timer's totals.
   *
   * @param count how many durations were recorded
   * @param total their sum
   * @param max the longest one, zero when nothing was recorded
   */
  public record Timer(long count, Duration total, Duration max) {
    Timer add(Duration d) {
      return new Timer(count + 1, total.plus(d), d.compareTo(max) > 0 ? d : max);
    }

    /**
     * The mean duration, zero when nothing was timed.
     *
     * @return {@code total / count}, rounded down to the nanosecond
     */
    public Duration mean() {
      return count == 0 ? Duration.ZERO : total.dividedBy(count);
    }
  }

  /**
   * Counts or times one event; events it has no metric for are ignored.
   *
   * @param event any event; durations are measured between the event times of a start and its
   *     finish, so a virtual clock gives virtual durations
   */
  @Override
  public void onEvent(GitOpsEvent event) {
    if (event instanceof GitOpsEvent.ReconcileStarted e) {
      started.put("reconcile", e.at());
    } else if (event instanceof GitOpsEvent.ReconcileFinished e) {
      inc("gitops.reconcile.count{status=" + lower(e.status().name()) + "}");
      since("reconcile", "gitops.reconcile.duration", e.at());
    } else if (event instanceof GitOpsEvent.ChangeApplied e) {
      inc("gitops.change.applied{action=" + e.action().jsonName() + "}");
    } else if (event instanceof GitOpsEvent.ChangeFailed e) {
      inc("gitops.change.failed{action=" + e.action().jsonName() + "}");
    } else if (event instanceof GitOpsEvent.ChangeRetried e) {
      inc("gitops.change.retried");
      time("gitops.change.backoff", e.backoff());
    } else if (event instanceof GitOpsEvent.WaveStarted e) {
      started.put("wave", e.at());
    } else if (event instanceof GitOpsEvent.WaveFinished e) {
      inc("gitops.wave.finished{failed=" + e.failed() + "}");
      since("wave", "gitops.wave.duration", e.at());
    } else if (event instanceof GitOpsEvent.HealthChanged e) {
      inc("gitops.health.changed{status=" + lower(e.health().status().name()) + "}");
    } else if (event instanceof GitOpsEvent.RollbackStarted) {
      inc("gitops.rollback.started");
    } else if (event instanceof GitOpsEvent.RollbackFinished e) {
      inc("gitops.rollback.finished{succeeded=" + e.succeeded() + "}");
    } else if (event instanceof GitOpsEvent.DriftDetected) {
      inc("gitops.drift.detected");
    } else if (event instanceof GitOpsEvent.ReconcileSkipped) {
      inc("gitops.reconcile.skipped");
    } else if (event instanceof GitOpsEvent.ValidationFailed) {
      inc("gitops.validation.failed");
    }
  }

  /**
   * The value of one counter (0 if it never counted).
   *
   * @param name the counter's name with its tags exactly as listed above, such as {@code
   *     gitops.reconcile.count{status=succeeded}}
   * @return how many times it was counted since this listener was made
   */
  public long count(String name) {
    LongAdder a = counters.get(name);
    return a == null ? 0 : a.sum();
  }

  /**
   * Every counter by name with its tags, sorted.
   *
   * @return a snapshot: counter name with tags to its value; only counters that counted at least
   *     once
   */
  public SortedMap<String, Long> counters() {
    TreeMap<String, Long> out = TreeMap.empty();
    for (var e : counters.entrySet()) {
      out = out.put(e.getKey(), e.getValue().sum());
    }
    return out;
  }

  /**
   * Every timer by name, sorted.
   *
   * @return a snapshot: timer name to its totals; only timers that recorded at least once
   */
  public SortedMap<String, Timer> timers() {
    return TreeMap.ofAll(timers);
  }

  private void inc(String name) {
    counters.computeIfAbsent(name, k -> new LongAdder()).increment();
  }

  private void since(String key, String timer, Instant end) {
    Instant start = started.remove(key);
    if (start != null) {
      time(timer, Duration.between(start, end));
    }
  }

  private void time(String name, Duration d) {
    timers.merge(name, new Timer(1, d, d), (a, b) -> a.add(d));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
