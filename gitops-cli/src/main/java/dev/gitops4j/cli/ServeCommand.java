package dev.gitops4j.cli;

import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.trigger.Debouncer;
import dev.gitops4j.core.trigger.GitServer;
import dev.gitops4j.core.trigger.PollResult;
import dev.gitops4j.core.trigger.Poller;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitops4j serve}: a git:// server whose hooks validate pushes and reconcile them. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve a bare repository over git://127.0.0.1:PORT/NAME. A push to the watched branch is"
            + " loaded, validated and planned first (rejected with every problem), then reconciled.")
final class ServeCommand implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Mixin TargetOptions target = new TargetOptions();
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "P", description = "Port on 127.0.0.1 (default 9418).")
  int port = 9418;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    java.nio.file.Path bare = java.nio.file.Path.of(source.repo).toAbsolutePath().normalize();
    try (GitOps gitops = target.configure(source.gitops(), spec.commandLine()).build()) {
      Poller.Builder builder = Poller.builder(gitops);
      target.stateStore(spec.commandLine()).lastApplied().forEach(builder::baseline);
      Poller poller =
          builder
              .listener(
                  r -> {
                    if (r instanceof PollResult.Reconciled rec) {
                      out.println(
                          "reconciled "
                              + rec.result().revision().shortId()
                              + ": "
                              + rec.result().status());
                    } else if (!(r instanceof PollResult.Unchanged)) {
                      out.println(r);
                    }
                    out.flush();
                  })
              .build();
      try (Debouncer reconcile =
              Debouncer.start(poller::poll, Duration.ofMillis(200), gitops.scheduler());
          GitServer server =
              GitServer.builder(bare, gitops).port(port).onPush(reconcile::request).start()) {
        reconcile.request();
        out.println("serving " + server.uri() + " (branch " + server.watchedBranch() + ")");
        out.flush();
        new CountDownLatch(1).await(); // until the process is stopped or the thread interrupted
      }
    }
    return Main.OK;
  }
}
