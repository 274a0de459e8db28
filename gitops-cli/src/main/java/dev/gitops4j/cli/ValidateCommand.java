package dev.gitops4j.cli;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitOps;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gitops4j validate}: load and check a revision, print every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Load and validate the desired state; print one line per problem.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (GitOps gitops = source.gitops().build()) {
      Validation<Seq<Problem>, DesiredState> result = gitops.validate();
      if (result.isInvalid()) {
        return new Output(spec.commandLine(), false).problems(result.getError());
      }
      DesiredState state = result.get();
      spec.commandLine()
          .getOut()
          .println(
              "valid: "
                  + state.size()
                  + " resources at "
                  + state.revision().shortId()
                  + " ("
                  + state.revision().ref()
                  + ")");
      return Main.OK;
    }
  }
}
