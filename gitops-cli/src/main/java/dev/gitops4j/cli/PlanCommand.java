package dev.gitops4j.cli;

import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gitops4j plan}: what apply would do, touching nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what apply would change. Exit 0 in sync, 2 changes planned, 1 problems.")
final class PlanCommand implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Mixin TargetOptions target = new TargetOptions();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Output output = new Output(spec.commandLine(), target.json);
    try (GitOps gitops = target.configure(source.gitops(), spec.commandLine()).build()) {
      var plan = gitops.plan();
      if (plan.isInvalid()) {
        return output.problems(plan.getError());
      }
      Plan p = plan.get();
      if (target.json) {
        output.json(Reports.plan(p));
      } else {
        PlanPrinter.plan(output.out(), p, target.target);
      }
      return p.isEmpty() ? Main.OK : Main.CHANGES;
    }
  }
}
