package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import picocli.CommandLine.Command;

/** {@code gitops4j plan}: what apply would do, touching nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what apply would change. Exit 0 in sync, 2 changes planned, 1 problems.")
final class PlanCommand extends TargetCommand<Plan> {
  @Override
  Validation<Seq<Problem>, Plan> run(GitOps gitops) {
    return gitops.plan();
  }

  @Override
  int report(Plan plan, Output output) {
    if (target.json) {
      output.json(Reports.plan(plan));
    } else {
      PlanPrinter.plan(output.out(), plan, target.target);
    }
    return plan.isEmpty() ? Main.OK : Main.CHANGES;
  }
}
