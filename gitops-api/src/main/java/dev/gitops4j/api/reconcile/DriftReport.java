package dev.gitops4j.api.reconcile;

import dev.gitops4j.api.plan.Plan;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Where a target differs from Git at one revision: the plan that would bring it back, and each
 * drifted resource with the fields that differ (secrets redacted).
 *
 * @param plan the plan that would bring the target back to Git
 * @param drifted each resource that differs; empty when in sync
 */
public record DriftReport(Plan plan, Seq<Drifted> drifted) {
  /**
   * Checks that no component is null.
   *
   * @param plan the plan that would bring the target back to Git
   * @param drifted each resource that differs; empty when in sync
   */
  public DriftReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(drifted, "drifted");
  }

  /**
   * True when nothing differs.
   *
   * @return whether no resource drifted
   */
  public boolean inSync() {
    return drifted.isEmpty();
  }
}
