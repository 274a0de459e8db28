package dev.gitops4j.cli;

import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.core.history.FileHistoryStore;
import dev.gitops4j.core.history.HistoryJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops4j history}: the reconciles recorded for a target, newest last, with the revisions
 * marked failed; also clears a failed mark and suspends or resumes the target.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "List the reconciles recorded for a target (newest last), the last known good revision"
            + " and the revisions marked failed. Exit 0.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();
  @Spec CommandSpec spec;

  @Option(
      names = "--clear-failed",
      paramLabel = "COMMIT",
      description =
          "Remove the failed mark of a commit (full id), so the next apply tries it again.")
  @Nullable String clearFailed;

  @Option(
      names = "--suspend",
      paramLabel = "REASON",
      description = "Suspend reconciles of the target: apply does nothing until --resume.")
  @Nullable String suspend;

  @Option(names = "--resume", description = "Resume reconciles of a suspended target.")
  boolean resume;

  @Override
  public Integer call() {
    Path dir = target.targetDir(spec.commandLine());
    FileHistoryStore store =
        FileHistoryStore.at(target.state != null ? target.state : TargetOptions.defaultState(dir));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (clearFailed != null) {
      boolean had = store.clearFailed(clearFailed);
      err.println(
          had ? "cleared the failed mark of " + clearFailed : "no failed mark for " + clearFailed);
    }
    if (suspend != null) {
      store.suspend(suspend);
      err.println("suspended: " + suspend);
    }
    if (resume) {
      err.println(store.resume() ? "resumed" : "was not suspended");
    }
    err.flush();
    if (target.json) {
      out.print(HistoryJson.report(store));
      out.flush();
      return Main.OK;
    }
    for (HistoryRecord r : store.records()) {
      out.println(line(r));
    }
    out.println(
        "last known good: "
            + store.lastKnownGood().map(r -> r.revision().toString()).getOrElse("none"));
    for (FailedRevision f : store.failedRevisions()) {
      out.println("failed: " + f.describe());
    }
    store.suspended().forEach(s -> out.println("suspended: " + s));
    out.flush();
    return Main.OK;
  }

  private static String line(HistoryRecord r) {
    long ok = r.changes().count(HistoryRecord.ChangeResult::succeeded);
    long failed = r.changes().size() - ok;
    StringBuilder s = new StringBuilder();
    s.append(r.startedAt())
        .append("  ")
        .append(r.revision().shortId())
        .append("  ")
        .append(String.format("%-11s", r.outcome().jsonName()))
        .append("  ")
        .append(ok)
        .append(" applied");
    if (failed > 0) {
      s.append(", ").append(failed).append(" failed");
    }
    s.append(", ").append(r.duration().toMillis()).append(" ms");
    r.rollback()
        .forEach(
            b ->
                s.append("; rolled back to ")
                    .append(b.toCommit(), 0, Math.min(12, b.toCommit().length()))
                    .append(b.succeeded() ? "" : " (rollback failed)"));
    r.message().forEach(m -> s.append("; ").append(m));
    return s.toString();
  }
}
