package dev.gitops4j.cli;

import dev.gitops4j.api.history.StateBusyException;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitOps;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What plan, apply and drift share: the source and target options, one {@link GitOps} per run,
 * problems printed with exit code 1.
 */
abstract class TargetCommand<T> implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Mixin TargetOptions target = new TargetOptions();
  @Spec CommandSpec spec;

  /** Validates, then plans or reconciles. */
  abstract Validation<Seq<Problem>, T> run(GitOps gitops);

  /** Adds what this command configures beyond the source and target (nothing by default). */
  GitOps.Builder customize(GitOps.Builder builder) {
    return builder;
  }

  /** Prints the value and returns the exit code. */
  abstract int report(T value, Output output);

  @Override
  public Integer call() {
    Output output = new Output(spec.commandLine(), target.json);
    try (GitOps gitops = customize(target.configure(source.gitops(), spec.commandLine())).build()) {
      Validation<Seq<Problem>, T> result = run(gitops);
      return result.isInvalid() ? output.problems(result.getError()) : report(result.get(), output);
    } catch (StateBusyException e) {
      spec.commandLine().getErr().println("gitops4j: " + e.getMessage());
      return Main.APPLY_FAILED;
    }
  }
}
