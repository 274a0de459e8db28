package dev.gitops4j.api.reconcile;

import dev.gitops4j.api.plan.Plan;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Where a target differs from Git at one revision: the plan that would bring it back, and each
 * drifted resource with the fields that differ (secrets redacted).
 */
public record DriftReport(Plan plan, Seq<Drifted> drifted) {
  public DriftReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(drifted, "drifted");
  }

  /** True when nothing differs. */
  public boolean inSync() {
    return drifted.isEmpty();
  }
}
