package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gitops4j render}: print the rendered desired state as multi-document YAML. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Print the rendered desired state as YAML, one document per resource: plain files by"
            + " path, kustomizations in kustomize's order, variables substituted.")
final class RenderCommand implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (GitOps gitops = source.gitops().build()) {
      Validation<Seq<Problem>, Seq<Resource>> result = gitops.render();
      if (result.isInvalid()) {
        return new Output(spec.commandLine(), false).problems(result.getError());
      }
      PrintWriter out = spec.commandLine().getOut();
      for (Resource r : result.get()) {
        out.print("---\n" + Documents.toYaml(r.body()));
      }
      out.flush();
      return Main.OK;
    }
  }
}
