package dev.gitops4j.cli;

import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.report.PlanFormat;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops4j quickstart}: the demo. Creates a Git repository with sample manifests, reconciles
 * it onto a directory, then commits an update and a deletion and reconciles again to show update
 * and prune; a last reconcile shows that nothing is left to do.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Demo: a local Git repository reconciled onto a directory, then an update and a prune.")
final class QuickstartCommand implements Callable<Integer> {
  private static final List<String> SAMPLES =
      List.of("namespace.yaml", "settings.yaml", "web.yaml");

  @Option(
      names = "--dir",
      paramLabel = "D",
      description =
          "Workspace for the repository, target and state (default: a new temp directory).")
  @Nullable Path dir;

  @Option(
      names = "--repo",
      paramLabel = "R",
      description = "Use this repository instead of creating the sample one (it is only read).")
  @Nullable String repo;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, GitAPIException {
    PrintWriter out = spec.commandLine().getOut();
    Path workspace =
        dir != null
            ? Files.createDirectories(dir)
            : Files.createTempDirectory("gitops4j-quickstart-");
    Path target = workspace.resolve("target");
    Path state = TargetOptions.defaultState(target);
    boolean sample = repo == null;
    String given = repo;
    String repoLocation =
        given == null ? createSampleRepository(workspace.resolve("repo"), out).toString() : given;
    out.println("Repository: " + repoLocation);
    out.println("Target:     dir:" + target);
    out.println("State:      " + state);

    out.println();
    out.println("== 1. First reconcile: everything is created, in dependency order");
    ReconcileResult first = reconcile(repoLocation, target, state, out);
    if (first == null || !first.succeeded()) {
      return first == null ? Main.PROBLEMS : Main.APPLY_FAILED;
    }
    if (sample) {
      Path work = Path.of(repoLocation);
      Files.writeString(
          work.resolve("settings.yaml"),
          resource("settings.yaml").split("---", -1)[0].replace("color: blue", "color: green"));
      try (Git git = Git.open(work.toFile())) {
        git.add().addFilepattern(".").call();
        commit(git, "Make it green and drop the legacy ConfigMap");
      }
      out.println();
      out.println(
          "== 2. Committed an update (color: green) and a deletion (ConfigMap/demo/legacy)");
      ReconcileResult second = reconcile(repoLocation, target, state, out);
      if (second == null || !second.succeeded()) {
        return second == null ? Main.PROBLEMS : Main.APPLY_FAILED;
      }
    }
    out.println();
    out.println("== " + (sample ? 3 : 2) + ". Reconciling again: the target matches Git");
    ReconcileResult last = reconcile(repoLocation, target, state, out);
    if (last == null || !last.succeeded()) {
      return last == null ? Main.PROBLEMS : Main.APPLY_FAILED;
    }
    out.println();
    out.println(
        "Look around: the files are under "
            + target
            + ", the journal in "
            + state.resolve("journal.jsonl"));
    out.println("Try: ./gitops4j plan --repo " + repoLocation + " --target dir:" + target);
    out.flush();
    return Main.OK;
  }

  private @Nullable ReconcileResult reconcile(
      String repoLocation, Path target, Path state, PrintWriter out) {
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.of(repoLocation))
            .target(DirectoryTarget.at(target))
            .stateStore(FileStateStore.at(state))
            .build()) {
      var result = gitops.reconcile();
      if (result.isInvalid()) {
        new Output(spec.commandLine(), false).problems(result.getError());
        return null;
      }
      out.print(PlanFormat.text(result.get().plan(), "dir:" + target));
      PlanPrinter.result(out, result.get());
      return result.get();
    }
  }

  private Path createSampleRepository(Path repoDir, PrintWriter out)
      throws IOException, GitAPIException {
    if (Files.exists(repoDir)) {
      throw new IOException(repoDir + " already exists; pass another --dir");
    }
    Files.createDirectories(repoDir);
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      for (String name : SAMPLES) {
        Files.writeString(repoDir.resolve(name), resource(name));
      }
      git.add().addFilepattern(".").call();
      commit(git, "Sample infrastructure");
    }
    out.println("Created a Git repository with " + SAMPLES.size() + " manifest files.");
    return repoDir;
  }

  private static void commit(Git git, String message) throws GitAPIException {
    git.add().addFilepattern(".").setUpdate(true).call();
    git.commit()
        .setMessage(message)
        .setSign(false)
        .setAuthor("GitOps4J quickstart", "quickstart@gitops4j.dev")
        .setCommitter("GitOps4J quickstart", "quickstart@gitops4j.dev")
        .call();
  }

  private static String resource(String name) {
    try (InputStream in = QuickstartCommand.class.getResourceAsStream("/quickstart/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
