package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.target.Health;
import io.vavr.collection.Vector;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an {@link InMemoryTarget} answers to health checks of a resource, as a function of the
 * resource's document, how many checks were made since it was last written, and how much (virtual)
 * time passed since then. Every write restarts the script, as a real rollout would.
 *
 * <pre>{@code
 * target.health(web, HealthScript.progressingFor(3));           // Healthy on the 4th check
 * target.health(api, HealthScript.neverHealthy());               // a health gate must time out
 * target.health(db, HealthScript.when(doc -> doc.at("/spec/image").contains(Node.str("db:2")),
 *     HealthScript.degraded("crash loop"), HealthScript.healthy()));  // only v2 is bad
 * }</pre>
 */
@FunctionalInterface
public interface HealthScript {

  /**
   * The health to report.
   *
   * @param document the resource as the target holds it
   * @param check the 1-based number of this check since the last write
   * @param sinceWrite virtual time since the last write
   * @return the health to report
   */
  Health check(Node.Obj document, int check, Duration sinceWrite);

  /**
   * Always healthy (the default of every resource).
   *
   * @return the script
   */
  static HealthScript healthy() {
    return (doc, check, since) -> Health.healthy();
  }

  /**
   * Progressing for the first {@code checks} checks after each write, then healthy.
   *
   * @param checks how many checks answer progressing
   * @return the script
   */
  static HealthScript progressingFor(int checks) {
    if (checks < 0) {
      throw new IllegalArgumentException("checks must not be negative: " + checks);
    }
    return (doc, check, since) ->
        check <= checks
            ? Health.progressing("rolling out (check " + check + " of " + checks + ")")
            : Health.healthy();
  }

  /**
   * Progressing until {@code duration} of virtual time has passed since the write, then healthy.
   *
   * @param duration how long, in virtual time
   * @return the script
   */
  static HealthScript progressingFor(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return (doc, check, since) ->
        since.compareTo(duration) < 0
            ? Health.progressing("rolling out for " + duration)
            : Health.healthy();
  }

  /**
   * Healthy on odd checks and degraded on even ones, for ever.
   *
   * @return the script
   */
  static HealthScript flapping() {
    return (doc, check, since) ->
        check % 2 == 1 ? Health.healthy() : Health.degraded("flapping (check " + check + ")");
  }

  /**
   * Progressing for ever: a health gate on it must time out.
   *
   * @return the script
   */
  static HealthScript neverHealthy() {
    return (doc, check, since) -> Health.progressing("never becomes healthy");
  }

  /**
   * Degraded for ever, with {@code message}.
   *
   * @param message the reason reported
   * @return the script
   */
  static HealthScript degraded(String message) {
    Objects.requireNonNull(message, "message");
    return (doc, check, since) -> Health.degraded(message);
  }

  /**
   * The given answers, one per check, then the last one for ever.
   *
   * @param first the answer to the first check
   * @param rest the answers to the next checks
   * @return the script
   */
  static HealthScript sequence(Health first, Health... rest) {
    Vector<Health> all = Vector.of(rest).prepend(Objects.requireNonNull(first, "first"));
    return (doc, check, since) -> all.get(Math.min(check, all.size()) - 1);
  }

  /**
   * {@code then} for documents that match {@code test}, {@code otherwise} for the others.
   *
   * @param test which documents take {@code then}
   * @param then the script for matching documents
   * @param otherwise the script for the others
   * @return the script
   */
  static HealthScript when(Predicate<Node.Obj> test, HealthScript then, HealthScript otherwise) {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(then, "then");
    Objects.requireNonNull(otherwise, "otherwise");
    return (doc, check, since) ->
        test.test(doc) ? then.check(doc, check, since) : otherwise.check(doc, check, since);
  }
}
