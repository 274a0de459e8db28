package dev.gitops4j.api.plan;

/**
 * How to plan. {@code prune}: delete owned resources that Git no longer declares (default on).
 * {@code includeNoOps}: list unchanged resources in the plan too (default off).
 */
public record PlanOptions(boolean prune, boolean includeNoOps) {
  /** Prune on, no-ops left out. */
  public static final PlanOptions DEFAULTS = new PlanOptions(true, false);

  /** The same options with pruning on or off. */
  public PlanOptions withPrune(boolean value) {
    return new PlanOptions(value, includeNoOps);
  }

  /** The same options with no-ops listed or not. */
  public PlanOptions withNoOps(boolean value) {
    return new PlanOptions(prune, value);
  }
}
