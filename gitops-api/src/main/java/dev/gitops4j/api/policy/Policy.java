package dev.gitops4j.api.policy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import io.vavr.collection.Seq;

/**
 * A rule over a whole desired state, run on every load before anything is applied, such as a naming
 * convention. Every problem it returns blocks the reconcile.
 */
@FunctionalInterface
public interface Policy {
  /**
   * The problems this policy finds; empty when the state complies.
   *
   * @param state the whole desired state, after loading
   * @return the problems this policy finds; empty when the state complies
   */
  Seq<Problem> check(DesiredState state);
}
