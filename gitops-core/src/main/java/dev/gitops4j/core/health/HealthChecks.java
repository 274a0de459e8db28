package dev.gitops4j.core.health;

import dev.gitops4j.api.health.HealthCheck;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * The health checks of a reconciler, by kind: a kind with a registered {@link HealthCheck} uses it,
 * every other kind asks {@link Target#health}. A check that throws counts as {@link
 * Health.Status#UNKNOWN} with the exception's message. Immutable.
 *
 * <pre>{@code
 * HealthChecks checks = HealthChecks.byTarget().with("Deployment", replicasReady);
 * }</pre>
 */
public final class HealthChecks {
  private static final HealthChecks BY_TARGET = new HealthChecks(HashMap.empty());
  private final Map<String, HealthCheck> byKind;

  private HealthChecks(Map<String, HealthCheck> byKind) {
    this.byKind = byKind;
  }

  /**
   * Every kind asks the target.
   *
   * @return the shared checks with no kind registered, to add to with {@link #with}
   */
  public static HealthChecks byTarget() {
    return BY_TARGET;
  }

  /**
   * The same, with {@code check} for resources of {@code kind}.
   *
   * @param kind the resource kind, matched exactly, such as {@code Deployment}
   * @param check the check for that kind; replaces one registered before for it
   * @return new checks; these are unchanged
   */
  public HealthChecks with(String kind, HealthCheck check) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(check, "check");
    return new HealthChecks(byKind.put(kind, check));
  }

  /**
   * The health of {@code id} on {@code target} now; never throws.
   *
   * @param id the resource to check; its kind picks the check
   * @param target the target the resource lives on, asked when no check is registered for the kind
   * @return the resource's health; {@link Health.Status#UNKNOWN} with the exception's message when
   *     the check throws
   */
  public Health check(ResourceId id, Target target) {
    try {
      return byKind.get(id.kind()).getOrElse(HealthCheck.byTarget()).check(id, target);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Health(Health.Status.UNKNOWN, "health check failed: " + message);
    }
  }
}
