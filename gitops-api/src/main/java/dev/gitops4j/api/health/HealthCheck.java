package dev.gitops4j.api.health;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;

/**
 * Decides the health of one resource after it was written, for kinds whose health the target alone
 * cannot tell (a Deployment's ready replicas, a job's completion). Registered per kind on the
 * reconciler; kinds without a check ask {@link Target#health}. A check must not write.
 *
 * <pre>{@code
 * HealthCheck replicas = (id, target) -> target.get(id)
 *     .map(doc -> ready(doc) ? Health.healthy() : Health.progressing("waiting for replicas"))
 *     .getOrElse(Health.missing());
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {

  /**
   * The health of {@code id} as seen on {@code target} now.
   *
   * @param id the resource
   * @param target where it lives
   * @return the health of {@code id} as seen on {@code target} now
   */
  Health check(ResourceId id, Target target);

  /**
   * The target's own answer.
   *
   * @return the target's own answer
   */
  static HealthCheck byTarget() {
    return (id, target) -> target.health(id);
  }
}
