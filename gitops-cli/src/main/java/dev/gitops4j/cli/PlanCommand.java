package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.report.PlanFormat;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gitops4j plan}: what apply would do, touching nothing; optionally saved for later. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what apply would change. Exit 0 in sync, 2 changes planned, 1 problems.")
final class PlanCommand extends TargetCommand<Plan> {
  @Option(
      names = "--out",
      paramLabel = "F",
      description =
          "Also save the plan to F (deterministic JSON), to apply later with apply --plan F.")
  @Nullable Path out;

  @Option(
      names = "--markdown",
      description = "Print the plan as Markdown (a pull-request comment).")
  boolean markdown;

  @Override
  Validation<Seq<Problem>, Plan> run(GitOps gitops) {
    Validation<Seq<Problem>, Plan> plan = gitops.plan();
    if (plan.isValid() && out != null) {
      try {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(out, gitops.save(plan.get()).toJson(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return Validation.invalid(
            List.of(Problem.general(out.toString(), "plan-out", "cannot write the plan: " + e)));
      }
    }
    return plan;
  }

  @Override
  int report(Plan plan, Output output) {
    if (target.json) {
      output.json(PlanFormat.json(plan));
    } else {
      output
          .out()
          .print(
              markdown
                  ? PlanFormat.markdown(plan, target.target)
                  : PlanFormat.text(plan, target.target));
      output.out().flush();
    }
    return plan.isEmpty() ? Main.OK : Main.CHANGES;
  }
}
