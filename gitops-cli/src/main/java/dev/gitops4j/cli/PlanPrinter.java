package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.load.Documents;
import java.io.PrintWriter;

/** Human-readable plans and results. */
final class PlanPrinter {
  private PlanPrinter() {}

  static void plan(PrintWriter out, Plan plan, String target) {
    out.println("Plan for " + plan.revision() + " onto " + target + ":");
    if (plan.isEmpty()) {
      out.println("  nothing to do: the target matches Git");
    }
    for (Change c : plan.effectiveChanges()) {
      out.println("  " + symbol(c.action()) + " " + c.action().jsonName() + " " + c.id());
      if (c instanceof Change.Update u) {
        for (PatchOperation op : u.patch()) {
          String value = op.value().map(PlanPrinter::inline).getOrElse("");
          String from = op.from().map(f -> " from " + f).getOrElse("");
          out.println(
              "      "
                  + op.op().jsonName()
                  + " "
                  + op.path()
                  + from
                  + (value.isEmpty() ? "" : ": " + value));
        }
      }
    }
    out.println(
        plan.effectiveChanges().size()
            + " changes: "
            + plan.count(Change.Action.CREATE)
            + " to create, "
            + plan.count(Change.Action.UPDATE)
            + " to update, "
            + plan.count(Change.Action.REPLACE)
            + " to replace, "
            + plan.count(Change.Action.DELETE)
            + " to delete");
    out.flush();
  }

  static void result(PrintWriter out, ReconcileResult result) {
    for (ReconcileResult.Applied a : result.applied()) {
      out.println("  " + symbol(a.action()) + " " + a.action().jsonName() + "d " + a.id());
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

  private static String symbol(Change.Action action) {
    return switch (action) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case REPLACE -> "±";
      case DELETE -> "-";
      case NOOP -> "=";
    };
  }

  private static String inline(Node value) {
    String json = Documents.toCanonicalJson(value).strip();
    return json.length() > 120 ? json.substring(0, 117) + "..." : json;
  }
}
