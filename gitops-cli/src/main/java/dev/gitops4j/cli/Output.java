package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import io.vavr.collection.Seq;
import java.io.PrintWriter;

/** Shared printing of problems: one {@code file:line: rule: message} line each. */
final class Output {
  private Output() {}

  /** Problems go to {@code out}, one per line; the count goes to {@code err}. */
  static int problems(PrintWriter out, PrintWriter err, Seq<Problem> problems) {
    for (Problem p : problems) {
      out.println(p);
    }
    out.flush();
    err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    err.flush();
    return Main.PROBLEMS;
  }
}
