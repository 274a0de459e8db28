package dev.gitops4j.core.health;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.time.Scheduler;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Waits until every resource of a step is healthy: polls the {@link HealthChecks} for the resources
 * not yet healthy, every {@code interval} of the {@link Scheduler}'s time, until all are healthy,
 * {@code timeout} has passed, or {@code cancelled} says a newer revision arrived. Each change of a
 * resource's health is reported to the listener given to {@link #await}.
 */
public final class HealthGate {
  private final Target target;
  private final HealthChecks checks;
  private final Scheduler scheduler;

  /**
   * A gate on {@code target}, with {@code checks}, waiting on {@code scheduler}.
   *
   * @param target the target whose resources are checked
   * @param checks the health checks by kind
   * @param scheduler gives the time and the waits between polls (virtual in tests)
   */
  public HealthGate(Target target, HealthChecks checks, Scheduler scheduler) {
    this.target = Objects.requireNonNull(target, "target");
    this.checks = Objects.requireNonNull(checks, "checks");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** How a wait ended. */
  public sealed interface Outcome {}

  /** Every resource is healthy. */
  public record AllHealthy() implements Outcome {}

  /**
   * The timeout passed; {@code unhealthy} holds the last health of each resource not healthy.
   *
   * @param unhealthy the last health seen of each resource still not healthy, in the order asked;
   *     never empty
   */
  public record TimedOut(Map<ResourceId, Health> unhealthy) implements Outcome {
    /**
     * "Deployment/app/web: progressing (waiting for replicas)", one per resource, shortened.
     *
     * @return the count of unhealthy resources and the first five with status and message, for a
     *     failure message
     */
    public String describe() {
      String list =
          unhealthy
              .take(5)
              .map(
                  e ->
                      e._1
                          + ": "
                          + e._2.status().name().toLowerCase(java.util.Locale.ROOT)
                          + (e._2.message().isEmpty() ? "" : " (" + e._2.message() + ")"))
              .mkString(", ");
      return unhealthy.size() + " not healthy: " + list + (unhealthy.size() > 5 ? ", ..." : "");
    }
  }

  /** A newer revision arrived; the wait stopped. */
  public record Cancelled() implements Outcome {}

  /**
   * Polls {@code ids} until all are healthy, the timeout, or cancellation.
   *
   * @param ids the resources to wait for; each is checked at least once
   * @param timeout how long to wait, in the scheduler's time, before giving up
   * @param interval the pause between polls (shortened to end at the timeout)
   * @param cancelled asked before each poll; true ends the wait as {@link Cancelled}
   * @param changed told the first health of each resource and every change after
   * @return {@link AllHealthy}, {@link TimedOut} with the resources still unhealthy, or {@link
   *     Cancelled}
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public Outcome await(
      Seq<ResourceId> ids,
      Duration timeout,
      Duration interval,
      BooleanSupplier cancelled,
      BiConsumer<ResourceId, Health> changed)
      throws InterruptedException {
    Instant deadline = scheduler.clock().instant().plus(timeout);
    java.util.Map<ResourceId, Health> pending = new java.util.LinkedHashMap<>();
    for (ResourceId id : ids) {
      pending.put(id, new Health(Health.Status.UNKNOWN, "not checked yet"));
    }
    boolean first = true;
    while (true) {
      if (cancelled.getAsBoolean()) {
        return new Cancelled();
      }
      java.util.Map<ResourceId, Health> still = new java.util.LinkedHashMap<>();
      for (java.util.Map.Entry<ResourceId, Health> entry : pending.entrySet()) {
        Health now = checks.check(entry.getKey(), target);
        if (first || !now.equals(entry.getValue())) {
          changed.accept(entry.getKey(), now);
        }
        if (!now.isHealthy()) {
          still.put(entry.getKey(), now);
        }
      }
      first = false;
      pending = still;
      if (pending.isEmpty()) {
        return new AllHealthy();
      }
      Instant now = scheduler.clock().instant();
      if (!now.isBefore(deadline)) {
        return new TimedOut(LinkedHashMap.ofAll(pending));
      }
      Duration left = Duration.between(now, deadline);
      scheduler.sleep(left.compareTo(interval) < 0 ? left : interval);
    }
  }
}
