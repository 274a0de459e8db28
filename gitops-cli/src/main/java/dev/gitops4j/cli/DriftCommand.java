package dev.gitops4j.cli;

import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gitops4j drift}: where the target differs from Git. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description =
        "Report resources that differ from Git, are missing, or are owned but no longer declared. Exit 0 in sync, 2 drift.")
final class DriftCommand implements Callable<Integer> {
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
        output.json(Reports.plan(p).with("drift", dev.gitops4j.api.model.Node.bool(!p.isEmpty())));
      } else {
        var out = output.out();
        for (Change c : p.effectiveChanges()) {
          String what =
              switch (c.action()) {
                case CREATE -> "missing from the target";
                case UPDATE, REPLACE -> "differs from Git";
                case DELETE -> "owned but no longer declared in Git";
                case NOOP -> "in sync";
              };
          out.println(c.id() + ": " + what);
        }
        out.println(
            p.isEmpty()
                ? "in sync with " + p.revision()
                : p.effectiveChanges().size() + " resources drifted from " + p.revision());
        out.flush();
      }
      return p.isEmpty() ? Main.OK : Main.CHANGES;
    }
  }
}
