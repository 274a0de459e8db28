package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.trigger.Debouncer;
import dev.gitops4j.core.trigger.PollResult;
import dev.gitops4j.core.trigger.Poller;
import dev.gitops4j.core.trigger.WebhookReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitops4j watch}: poll the repository and reconcile when the ref moves. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Poll the repository every interval (plus jitter) and reconcile when the ref moved. Runs until"
            + " stopped, or for --polls polls. Exit 0, or 1 if the last poll left problems.")
final class WatchCommand implements Callable<Integer> {
  @Mixin SourceOptions source = new SourceOptions();
  @Mixin TargetOptions target = new TargetOptions();
  @Spec CommandSpec spec;

  @Option(
      names = "--interval",
      paramLabel = "D",
      converter = Durations.class,
      description = "Time between polls: 30s, 1m, 2h (default 1m).")
  Duration interval = Duration.ofMinutes(1);

  @Option(
      names = "--jitter",
      paramLabel = "F",
      description = "Random extra wait as a fraction of the interval, 0 to 1 (default 0.1).")
  double jitter = 0.1;

  @Option(
      names = "--allow-force-push",
      description = "Follow a ref that was force-pushed (default: refuse and keep the last state).")
  boolean allowForcePush;

  @Option(
      names = "--polls",
      paramLabel = "N",
      description = "Stop after N polls (default: run until stopped).")
  long polls = Long.MAX_VALUE;

  @Option(
      names = "--webhook-port",
      paramLabel = "P",
      description =
          "Also receive push webhooks on 127.0.0.1:P/hook (0: any free port); a push to the branch polls at once.")
  @Nullable Integer webhookPort;

  @Option(
      names = "--webhook-kind",
      paramLabel = "K",
      description =
          "github (X-Hub-Signature-256), gitlab (X-Gitlab-Token) or generic (X-Signature-256).")
  String webhookKind = "github";

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "F",
      description = "File holding the webhook's shared secret (required with --webhook-port).")
  @Nullable Path webhookSecretFile;

  @Option(
      names = "--webhook-branch",
      paramLabel = "B",
      description = "Branch whose pushes trigger (default: --ref, else main).")
  @Nullable String webhookBranch;

  @Override
  public Integer call() throws InterruptedException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    long[] count = {0};
    try (GitOps gitops = target.configure(source.gitops(), spec.commandLine()).build()) {
      Poller.Builder builder = Poller.builder(gitops);
      target.stateStore(spec.commandLine()).lastApplied().forEach(builder::baseline);
      Poller poller =
          builder
              .interval(interval)
              .jitter(jitter)
              .allowForcePush(allowForcePush)
              .listener(
                  r -> {
                    count[0]++;
                    print(out, r);
                  })
              .build();
      try (Debouncer debouncer =
              Debouncer.start(poller::poll, Duration.ofSeconds(1), gitops.scheduler());
          WebhookReceiver hook = webhook(debouncer, out)) {
        poller.run(() -> count[0] < polls && !Thread.currentThread().isInterrupted());
      }
      return poller
          .lastResult()
          .map(
              r ->
                  r instanceof PollResult.Invalid
                          || r instanceof PollResult.Stalled
                          || r instanceof PollResult.Refused
                      ? Main.PROBLEMS
                      : r instanceof PollResult.Reconciled rec && !rec.result().succeeded()
                          ? Main.APPLY_FAILED
                          : Main.OK)
          .getOrElse(Main.OK);
    }
  }

  private @Nullable WebhookReceiver webhook(Debouncer debouncer, PrintWriter out)
      throws IOException {
    if (webhookPort == null) {
      return null;
    }
    if (webhookSecretFile == null) {
      throw new IllegalArgumentException("--webhook-port needs --webhook-secret-file");
    }
    WebhookReceiver.Kind kind;
    try {
      kind = WebhookReceiver.Kind.valueOf(webhookKind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--webhook-kind must be github, gitlab or generic, not '" + webhookKind + "'", e);
    }
    String secret = Files.readString(webhookSecretFile, StandardCharsets.UTF_8).strip();
    String branch =
        webhookBranch != null ? webhookBranch : source.ref != null ? source.ref : "main";
    WebhookReceiver hook =
        WebhookReceiver.builder(kind, Secret.of(secret))
            .port(webhookPort)
            .branch(branch)
            .onPush(debouncer::request)
            .start();
    out.println("receiving " + kind.name().toLowerCase(Locale.ROOT) + " webhooks at " + hook.uri());
    out.flush();
    return hook;
  }

  private static void print(PrintWriter out, PollResult r) {
    if (r instanceof PollResult.Unchanged u) {
      out.println("unchanged at " + u.revision().shortId() + "; next poll in " + u.nextPollIn());
    } else if (r instanceof PollResult.Reconciled rec) {
      ReconcileResult result = rec.result();
      out.println(
          "reconciled "
              + result.revision().shortId()
              + ": "
              + result.status()
              + " ("
              + result.applied().size()
              + " changes)"
              + result.failure().map(f -> "; failed: " + f.describe()).getOrElse(""));
    } else if (r instanceof PollResult.Invalid inv) {
      out.println(
          "refused " + inv.revision().shortId() + ": " + inv.problems().size() + " problems");
      for (Problem p : inv.problems()) {
        out.println(p);
      }
    } else if (r instanceof PollResult.Stalled s) {
      out.println(
          "stalled ("
              + s.failures()
              + " in a row): "
              + s.cause()
              + "; keeping "
              + s.lastGood().map(rev -> rev.shortId()).getOrElse("the current state")
              + "; next poll in "
              + s.nextPollIn());
    } else if (r instanceof PollResult.Refused ref) {
      out.println("refused " + ref.revision().shortId() + ": " + ref.reason());
    }
    out.flush();
  }
}
