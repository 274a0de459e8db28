package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.plan.SavedPlan;
import dev.gitops4j.core.report.PlanFormat;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class ApplyCommand extends TargetCommand<SavedPlan.Outcome> {
  @picocli.CommandLine.Option(
      names = "--plan",
      paramLabel = "F",
      description =
          "Apply the saved plan F (from plan --out): only changes exactly as reviewed; a change whose"
              + " resource moved since is refused (and then nothing is applied, unless --partial).")
  @Nullable Path plan;

  @picocli.CommandLine.Option(
      names = "--partial",
      description = "With --plan: apply the changes that still hold even if others are refused.")
  boolean partial;

  @Mixin RolloutOptions rollout = new RolloutOptions();

  @picocli.CommandLine.Option(
      names = "--no-rollback",
      description = "Leave the target where a failure left it; the next apply tries again.")
  boolean noRollback;

  @picocli.CommandLine.Option(
      names = "--no-self-heal",
      description = "Report drift from the applied revision instead of reverting it (exit 2).")
  boolean noSelfHeal;

  @picocli.CommandLine.Option(
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
  Validation<Seq<Problem>, SavedPlan.Outcome> run(GitOps gitops) {
    if (plan == null) {
      return gitops.reconcile().map(r -> new SavedPlan.Outcome(List.empty(), Option.of(r)));
    }
    String text;
    try {
      text = Files.readString(plan, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Validation.invalid(
          List.of(Problem.general(plan.toString(), "plan-file", "cannot read the plan: " + e)));
    }
    Either<String, SavedPlan> saved = SavedPlan.parse(plan.toString(), text);
    if (saved.isLeft()) {
      return Validation.invalid(
          List.of(Problem.general(plan.toString(), "plan-file", saved.getLeft())));
    }
    return gitops.apply(saved.get(), partial);
  }

  @Override
  int report(SavedPlan.Outcome outcome, Output output) {
    if (outcome.result().isEmpty()) {
      if (target.json) {
        output.json(Node.obj("status", Node.str("refused")).with("refused", refused(outcome)));
      } else {
        PrintWriter out = output.out();
        for (SavedPlan.Refused r : outcome.refused()) {
          out.println("  ! refused " + r);
        }
        out.println(
            "Result: refused, nothing applied ("
                + outcome.refused().size()
                + " saved changes no longer hold); plan again, or apply the rest with --partial");
        out.flush();
      }
      return Main.APPLY_FAILED;
    }
    ReconcileResult result = outcome.result().get();
    if (!target.json) {
      for (SavedPlan.Refused r : outcome.refused()) {
        output.out().println("  ! refused " + r);
      }
    }
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
      output.json(outcome.refused().isEmpty() ? json : json.with("refused", refused(outcome)));
    } else {
      PrintWriter out = output.out();
      out.print(PlanFormat.text(result.plan(), target.target));
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

  private static Node.Arr refused(SavedPlan.Outcome outcome) {
    return new Node.Arr(
        outcome
            .refused()
            .map(
                r ->
                    (Node)
                        Node.obj(
                            "resource", Reports.id(r.id()),
                            "action", Node.str(r.action().jsonName()),
                            "reason", Node.str(r.reason())))
            .toVector());
  }
}
