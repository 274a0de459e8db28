package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import picocli.CommandLine.Command;

/** {@code gitops4j apply}: reconcile the target with Git. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile the target with Git. Exit 0 success, 1 problems (nothing touched), 3 apply failed.")
final class ApplyCommand extends TargetCommand<ReconcileResult> {
  @Override
  Validation<Seq<Problem>, ReconcileResult> run(GitOps gitops) {
    return gitops.reconcile();
  }

  @Override
  int report(ReconcileResult result, Output output) {
    if (target.json) {
      output.json(Reports.result(result));
    } else {
      PlanPrinter.plan(output.out(), result.plan(), target.target);
      PlanPrinter.result(output.out(), result);
    }
    return result.succeeded() ? Main.OK : Main.APPLY_FAILED;
  }
}
