package dev.gitops4j.core.report;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.FieldChange;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Renders a {@link Plan} for people: the text the CLI prints, Markdown for a pull-request comment,
 * and the JSON document of {@code gitops4j plan --json}. Per resource it shows the action and, for
 * an update, each field with its old and new value and why it changes (changed in Git, drift,
 * removed from Git). Secret values, and every value under {@code data} or {@code stringData} of a
 * {@code Secret}, show as {@value Secret#REDACTED}.
 *
 * <pre>{@code
 * System.out.print(PlanFormat.text(plan, target.describe()));
 * }</pre>
 */
public final class PlanFormat {
  private static final int MAX_VALUE = 120;

  private PlanFormat() {}

  /**
   * The summary line: {@code 3 to create, 2 to update, 1 to delete} (replace when there is one).
   *
   * @param plan the plan to count
   * @return one line without a line break; counts of zero are shown too
   */
  public static String summary(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append(plan.count(Change.Action.CREATE)).append(" to create, ");
    sb.append(plan.count(Change.Action.UPDATE)).append(" to update, ");
    if (plan.count(Change.Action.REPLACE) > 0) {
      sb.append(plan.count(Change.Action.REPLACE)).append(" to replace, ");
    }
    return sb.append(plan.count(Change.Action.DELETE)).append(" to delete").toString();
  }

  /**
   * The plan as unified-diff-like text, one line per resource and one per changed field.
   *
   * @param plan the plan to show; no-op changes are left out
   * @param target the target's description for the heading, such as {@code Target.describe()}
   * @return the text, ending with the summary line and a newline; secrets redacted
   */
  public static String text(Plan plan, String target) {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan for ").append(plan.revision()).append(" onto ").append(target).append(":\n");
    if (plan.isEmpty()) {
      sb.append("  nothing to do: the target matches Git\n");
    }
    for (Change c : plan.effectiveChanges()) {
      sb.append("  ")
          .append(symbol(c.action()))
          .append(' ')
          .append(c.action().jsonName())
          .append(' ')
          .append(c.id())
          .append('\n');
      for (String line : fieldLines(c)) {
        sb.append("      ").append(line).append('\n');
      }
    }
    return sb.append(summary(plan)).append('\n').toString();
  }

  /**
   * The plan as Markdown, for a pull-request comment: a summary, then one section per change.
   *
   * @param plan the plan to show; no-op changes are left out
   * @param target the target's description for the heading
   * @return GitHub-flavoured Markdown: a table of changes, then a folded diff per updated resource;
   *     secrets redacted
   */
  public static String markdown(Plan plan, String target) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Plan for `")
        .append(plan.revision().shortId())
        .append("` onto `")
        .append(target)
        .append("`\n\n**")
        .append(summary(plan))
        .append("**\n\n");
    if (plan.isEmpty()) {
      return sb.append("Nothing to do: the target matches Git.\n").toString();
    }
    sb.append("| | action | resource |\n|---|---|---|\n");
    for (Change c : plan.effectiveChanges()) {
      sb.append("| ")
          .append(symbol(c.action()))
          .append(" | ")
          .append(c.action().jsonName())
          .append(" | `")
          .append(c.id())
          .append("` |\n");
    }
    for (Change c : plan.effectiveChanges()) {
      Seq<String> lines = fieldLines(c);
      if (!lines.isEmpty()) {
        sb.append("\n<details><summary>")
            .append(c.action().jsonName())
            .append(' ')
            .append(c.id())
            .append("</summary>\n\n```diff\n");
        for (String line : lines) {
          sb.append(line.startsWith("+") || line.startsWith("-") ? "" : "! ").append(line);
          sb.append('\n');
        }
        sb.append("```\n</details>\n");
      }
    }
    return sb.toString();
  }

  /**
   * The plan as the JSON document {@code gitops4j plan --json} prints.
   *
   * @param plan the plan to show
   * @return the same document as {@link Reports#plan}; write it with {@link Documents#toJson}
   */
  public static Node.Obj json(Plan plan) {
    return Reports.plan(plan);
  }

  private static Seq<String> fieldLines(Change c) {
    if (!(c instanceof Change.Update u)) {
      return io.vavr.collection.List.empty();
    }
    boolean secretKind = c.id().kind().equals("Secret");
    if (u.fields().isEmpty()) {
      return u.patch().map(op -> operation(op, secretKind));
    }
    return u.fields().map(f -> field(f, secretKind));
  }

  /** Whether the values of a field change must be shown redacted. */
  static boolean isSecret(dev.gitops4j.api.model.ResourceId id, FieldChange f) {
    return (id.kind().equals("Secret") && isSecretPath(f.path()))
        || isSecret(f.before(), f.after());
  }

  private static String field(FieldChange f, boolean secretKind) {
    boolean secret = (secretKind && isSecretPath(f.path())) || isSecret(f.before(), f.after());
    String before = show(f.before(), secret);
    String after = show(f.after(), secret);
    String mark = f.before().isEmpty() ? "+ " : f.after().isEmpty() ? "- " : "~ ";
    return mark + f.path() + ": " + before + " -> " + after + " (" + f.reason().words() + ")";
  }

  private static String operation(PatchOperation op, boolean secretKind) {
    boolean secret = (secretKind && isSecretPath(op.path())) || isSecret(op.value(), Option.none());
    String value = op.value().map(v -> show(Option.of(v), secret)).getOrElse("");
    String from = op.from().map(f -> " from " + f).getOrElse("");
    return op.op().jsonName() + " " + op.path() + from + (value.isEmpty() ? "" : ": " + value);
  }

  private static boolean isSecretPath(String path) {
    return path.startsWith("/data") || path.startsWith("/stringData");
  }

  private static boolean isSecret(Option<Node> a, Option<Node> b) {
    return a.exists(PlanFormat::containsSecret) || b.exists(PlanFormat::containsSecret);
  }

  private static boolean containsSecret(Node n) {
    if (n instanceof Node.SecretText) {
      return true;
    }
    if (n instanceof Node.Obj o) {
      return o.fields().values().exists(PlanFormat::containsSecret);
    }
    return n instanceof Node.Arr a && a.items().exists(PlanFormat::containsSecret);
  }

  private static String show(Option<Node> value, boolean secret) {
    if (value.isEmpty()) {
      return "(absent)";
    }
    if (secret) {
      return Secret.REDACTED;
    }
    String json = Documents.toCanonicalJson(value.get()).strip();
    return json.length() > MAX_VALUE ? json.substring(0, MAX_VALUE - 3) + "..." : json;
  }

  static String symbol(Change.Action action) {
    return switch (action) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case REPLACE -> "±";
      case DELETE -> "-";
      case NOOP -> "=";
    };
  }
}
