package dev.gitops4j.cli;

import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gitops4j apply}: reconcile the target with Git. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile the target with Git. Exit 0 success, 1 problems (nothing touched), 3 apply failed.")
final class ApplyCommand implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Mixin TargetOptions target = new TargetOptions();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Output output = new Output(spec.commandLine(), target.json);
    try (GitOps gitops = target.configure(source.gitops(), spec.commandLine()).build()) {
      var result = gitops.reconcile();
      if (result.isInvalid()) {
        return output.problems(result.getError());
      }
      ReconcileResult r = result.get();
      if (target.json) {
        output.json(Reports.result(r));
      } else {
        PlanPrinter.plan(output.out(), r.plan(), target.target);
        PlanPrinter.result(output.out(), r);
      }
      return r.succeeded() ? Main.OK : Main.APPLY_FAILED;
    }
  }
}
