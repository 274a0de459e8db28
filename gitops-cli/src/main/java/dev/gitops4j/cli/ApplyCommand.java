package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gitops4j apply}: reconcile the target with Git, rolling back a failed apply. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile the target with Git. A failed change or health gate rolls the target back to the"
            + " last good revision (unless --no-rollback) and marks the commit failed, so it is not"
            + " applied again until a newer commit or `history --clear-failed`. Exit 0 success, 1"
            + " problems (nothing touched), 2 drift reported (--no-self-heal), 3 apply failed or"
            + " revision pinned.")
final class ApplyCommand extends TargetCommand<ReconcileResult> {
  @Mixin RolloutOptions rollout = new RolloutOptions();

  @Option(
      names = "--no-rollback",
      description = "Leave the target where a failure left it; the next apply tries again.")
  boolean noRollback;

  @Option(
      names = "--no-self-heal",
      description = "Report drift from the applied revision instead of reverting it (exit 2).")
  boolean noSelfHeal;

  @Option(
      names = "--dry-run",
      description = "Go through the whole apply (plan, preconditions, steps) writing nothing.")
  boolean dryRun;

  @Override
  GitOps.Builder customize(GitOps.Builder builder) {
    builder
        .rollout(rollout.rollout(spec.commandLine()))
        .rollback(noRollback ? Rollback.none() : Rollback.toLastKnownGood())
        .selfHeal(!noSelfHeal)
        .dryRun(dryRun);
    if (ProgressLine.wanted(target.json)) {
      builder.listener(new ProgressLine(spec.commandLine().getErr()));
    }
    return builder;
  }

  @Override
  Validation<Seq<Problem>, ReconcileResult> run(GitOps gitops) {
    return gitops.reconcile();
  }

  @Override
  int report(ReconcileResult result, Output output) {
    if (target.json) {
      Node.Obj json = Reports.result(result);
      for (ReconcileResult.RolledBack b : result.rollback()) {
        json =
            json.with(
                "rollback",
                Node.obj(
                    "to", Node.str(b.to().commit()),
                    "succeeded", Node.bool(b.succeeded()),
                    "applied",
                        new Node.Arr(
                            b.applied()
                                .map(
                                    a ->
                                        (Node)
                                            Node.obj(
                                                "resource",
                                                Reports.id(a.id()),
                                                "action",
                                                Node.str(a.action().jsonName())))
                                .toVector())));
      }
      for (String note : result.note()) {
        json = json.with("note", Node.str(note));
      }
      output.json(json);
    } else {
      PrintWriter out = output.out();
      PlanPrinter.plan(out, result.plan(), target.target);
      PlanPrinter.result(out, result);
      for (ReconcileResult.RolledBack b : result.rollback()) {
        out.println(
            (b.succeeded() ? "Rolled back to " : "Rollback FAILED on the way to ")
                + b.to()
                + ": "
                + b.applied().size()
                + " changes");
        for (ReconcileResult.Applied a : b.applied()) {
          out.println("  " + a.action().jsonName() + " " + a.id());
        }
      }
      result.note().forEach(n -> out.println("Note: " + n));
      out.flush();
    }
    return switch (result.status()) {
      case SUCCEEDED, IN_SYNC, SUSPENDED, DRY_RUN -> Main.OK;
      case DRIFTED -> Main.CHANGES;
      case FAILED, ROLLED_BACK, PINNED, CANCELLED -> Main.APPLY_FAILED;
    };
  }
}
