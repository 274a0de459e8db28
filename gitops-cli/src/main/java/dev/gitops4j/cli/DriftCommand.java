package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.DriftReport;
import dev.gitops4j.api.reconcile.Drifted;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code gitops4j drift}: where the target differs from Git, field by field. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description =
        "Report resources that differ from Git (with the fields that differ, secrets redacted), are"
            + " missing, or are owned but no longer declared. Exit 0 in sync, 2 drift.")
final class DriftCommand extends TargetCommand<DriftReport> {
  @Override
  Validation<Seq<Problem>, DriftReport> run(GitOps gitops) {
    return gitops.drift();
  }

  @Override
  int report(DriftReport report, Output output) {
    if (target.json) {
      Node.Obj json =
          Reports.plan(report.plan())
              .with("drift", Node.bool(!report.inSync()))
              .with("drifted", new Node.Arr(report.drifted().map(DriftCommand::json).toVector()));
      output.json(json);
    } else {
      PrintWriter out = output.out();
      for (Drifted d : report.drifted()) {
        out.println(d.id() + ": " + describe(d));
        for (Drifted.Field f : d.fields()) {
          out.println("    " + f.path() + ": Git has " + f.desired() + ", found " + f.actual());
        }
      }
      out.println(
          report.inSync()
              ? "in sync with " + report.plan().revision()
              : report.drifted().size() + " resources drifted from " + report.plan().revision());
      out.flush();
    }
    return report.inSync() ? Main.OK : Main.CHANGES;
  }

  private static Node json(Drifted d) {
    return Node.obj(
        "resource", Reports.id(d.id()),
        "action", Node.str(d.action().jsonName()),
        "fields",
            new Node.Arr(
                d.fields()
                    .map(
                        f ->
                            (Node)
                                Node.obj(
                                    "path", Node.str(f.path()),
                                    "desired", Node.str(f.desired()),
                                    "actual", Node.str(f.actual())))
                    .toVector()));
  }

  private static String describe(Drifted d) {
    return switch (d.action()) {
      case CREATE -> "missing from the target";
      case UPDATE, REPLACE -> "differs from Git";
      case DELETE -> "owned but no longer declared in Git";
      case NOOP -> "in sync";
    };
  }
}
