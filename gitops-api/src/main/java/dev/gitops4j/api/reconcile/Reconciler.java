package dev.gitops4j.api.reconcile;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.plan.Plan;

/**
 * Makes a target match a desired state: observe, plan, apply wave by wave, record what it now owns.
 * Level-triggered: every call starts from what is observed, so a second reconcile right after a
 * successful one plans nothing.
 */
public interface Reconciler {

  /**
   * Plans against what is observed now, without touching anything.
   *
   * @param desired what Git declares
   * @return the plan; nothing is touched
   */
  Plan plan(DesiredState desired);

  /**
   * Observes, plans and applies. Failures are in the result, not thrown.
   *
   * @param desired what Git declares
   * @return what was applied, and the failure that stopped it, if any
   */
  ReconcileResult reconcile(DesiredState desired);

  /**
   * Applies a plan made earlier. If the precondition of any change no longer holds (the world moved
   * since planning), the plan is refused whole: nothing is written and the stale changes are
   * reported in a failed result.
   *
   * @param plan a plan from {@link #plan}
   * @return what was applied, and the failure that stopped it, if any
   */
  ReconcileResult apply(Plan plan);
}
