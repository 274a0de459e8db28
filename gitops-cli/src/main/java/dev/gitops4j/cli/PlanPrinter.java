package dev.gitops4j.cli;

import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.report.PlanFormat;
import java.io.PrintWriter;

/** Human-readable reconcile results (plans are rendered by {@link PlanFormat}). */
final class PlanPrinter {
  private PlanPrinter() {}

  static void result(PrintWriter out, ReconcileResult result) {
    for (ReconcileResult.Applied a : result.applied()) {
      out.println("  " + symbol(a.action()) + " " + pastTense(a.action()) + " " + a.id());
    }
    for (ReconcileResult.Failure f : result.failure()) {
      out.println(
          "  ! "
              + f.action().map(a -> a.jsonName() + " ").getOrElse("")
              + f.id().map(Object::toString).getOrElse("target")
              + " FAILED: "
              + f.message());
    }
    out.println(
        "Result: "
            + result.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + " at "
            + result.revision()
            + " ("
            + result.applied().size()
            + " changes applied)");
    out.flush();
  }

  private static String pastTense(Change.Action action) {
    return action == Change.Action.NOOP ? "kept" : action.jsonName() + "d";
  }

  private static String symbol(Change.Action action) {
    return switch (action) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case REPLACE -> "±";
      case DELETE -> "-";
      case NOOP -> "=";
    };
  }
}
