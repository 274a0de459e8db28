package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.report.Reports;
import io.vavr.collection.Seq;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Where a command prints: problems one per line (or as JSON), JSON documents, text. */
final class Output {
  private final CommandLine cmd;
  private final boolean json;

  Output(CommandLine cmd, boolean json) {
    this.cmd = cmd;
    this.json = json;
  }

  PrintWriter out() {
    return cmd.getOut();
  }

  void json(Node document) {
    cmd.getOut().print(Documents.toJson(document));
    cmd.getOut().flush();
  }

  /** Prints the problems and returns exit code 1. */
  int problems(Seq<Problem> problems) {
    if (json) {
      json(Reports.problems(problems));
    } else {
      for (Problem p : problems) {
        cmd.getOut().println(p);
      }
      cmd.getOut().flush();
    }
    cmd.getErr().println(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    cmd.getErr().flush();
    return Main.PROBLEMS;
  }
}
