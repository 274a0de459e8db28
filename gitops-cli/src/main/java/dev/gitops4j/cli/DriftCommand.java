package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code gitops4j drift}: where the target differs from Git. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description =
        "Report resources that differ from Git, are missing, or are owned but no longer declared."
            + " Exit 0 in sync, 2 drift.")
final class DriftCommand extends TargetCommand<Plan> {
  @Override
  Validation<Seq<Problem>, Plan> run(GitOps gitops) {
    return gitops.plan();
  }

  @Override
  int report(Plan plan, Output output) {
    if (target.json) {
      output.json(Reports.plan(plan).with("drift", Node.bool(!plan.isEmpty())));
    } else {
      PrintWriter out = output.out();
      for (Change c : plan.effectiveChanges()) {
        out.println(c.id() + ": " + describe(c.action()));
      }
      out.println(
          plan.isEmpty()
              ? "in sync with " + plan.revision()
              : plan.effectiveChanges().size() + " resources drifted from " + plan.revision());
      out.flush();
    }
    return plan.isEmpty() ? Main.OK : Main.CHANGES;
  }

  private static String describe(Change.Action action) {
    return switch (action) {
      case CREATE -> "missing from the target";
      case UPDATE, REPLACE -> "differs from Git";
      case DELETE -> "owned but no longer declared in Git";
      case NOOP -> "in sync";
    };
  }
}
