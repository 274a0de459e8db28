package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.target.ActualState;

/**
 * Computes the {@link Plan} that turns the actual state into the desired one. A pure function: it
 * touches nothing and the same inputs give an equal plan.
 */
@FunctionalInterface
public interface Planner {
  /**
   * Plans creates and updates for every desired resource and, when {@code options.prune()}, deletes
   * for resources in {@code inventory} that are no longer desired. Resources that are neither
   * desired nor owned are never touched.
   *
   * @param desired the resources Git declares
   * @param actual what the target holds now
   * @param inventory the resources this reconciler owns; only these can be deleted
   * @param options how to plan
   * @return the plan, in dependency order
   */
  Plan plan(DesiredState desired, ActualState actual, Inventory inventory, PlanOptions options);

  /**
   * Plans three ways, with what this reconciler last applied per resource: fields on the target
   * that Git does not declare are removed only if they were applied before. The default ignores
   * {@code lastApplied}, for planners that compare two ways.
   *
   * @param desired the resources Git declares
   * @param actual what the target holds now
   * @param inventory the resources this reconciler owns; only these can be deleted
   * @param lastApplied the documents this reconciler last wrote, per resource
   * @param options how to plan
   * @return the plan, in dependency order
   */
  default Plan plan(
      DesiredState desired,
      ActualState actual,
      Inventory inventory,
      LastApplied lastApplied,
      PlanOptions options) {
    return plan(desired, actual, inventory, options);
  }
}
