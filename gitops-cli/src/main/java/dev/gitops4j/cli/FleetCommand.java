package dev.gitops4j.cli;

import dev.gitops4j.api.fleet.Coordination;
import dev.gitops4j.api.fleet.FleetEvent;
import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.SyncStatus;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.fleet.Fleet;
import dev.gitops4j.core.fleet.InProcessCoordination;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.secrets.EnvSecretProvider;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import dev.gitops4j.postgres.PostgresCoordination;
import dev.gitops4j.postgres.PostgresStateStore;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops4j fleet --config F [--postgres URL]}: one worker of a fleet. It reconciles the
 * syncs of the config file on their intervals; with {@code --postgres}, workers in other processes
 * pointed at the same database share the syncs (leases with fencing tokens), and the state of every
 * sync lives in the database. Without it, one process runs them all with file state.
 */
@Command(
    name = "fleet",
    description =
        "Run one worker of a fleet: reconcile the syncs of --config F, shared with the other"
            + " workers of the same --postgres database.")
final class FleetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "F", description = "The fleet file.")
  Path config;

  @Option(
      names = "--postgres",
      paramLabel = "URL",
      description =
          "PostgreSQL shared by the workers: jdbc:postgresql://HOST:PORT/DB?user=U&password=P"
              + " (postgresql://... is accepted too). Default: this process alone, file state.")
  @Nullable String postgres;

  @Option(names = "--worker", paramLabel = "NAME", description = "Worker name (default: host-pid).")
  @Nullable String worker;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "4",
      description = "Syncs reconciled at once by this worker (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--lease-ttl",
      paramLabel = "D",
      defaultValue = "30s",
      description =
          "How long a claimed sync stays leased without renewal (default: ${DEFAULT-VALUE}).")
  String leaseTtl;

  @Option(
      names = "--poll-interval",
      paramLabel = "D",
      defaultValue = "1s",
      description = "Sleep when nothing is due (default: ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(names = "--once", description = "Reconcile what is due until nothing is, then exit.")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    CommandLine cmd = spec.commandLine();
    PrintWriter out = cmd.getOut();
    PrintWriter err = cmd.getErr();
    Duration ttl = duration(cmd, "--lease-ttl", leaseTtl);
    Duration poll = duration(cmd, "--poll-interval", pollInterval);
    Validation<Seq<String>, FleetConfig> read = FleetConfig.read(config);
    if (read.isInvalid()) {
      read.getError().forEach(out::println);
      err.println("gitops4j: " + read.getError().size() + " problem(s) in " + config);
      return Main.PROBLEMS;
    }
    @Nullable PostgresCoordination pg =
        postgres == null ? null : PostgresCoordination.connect(jdbcUrl(postgres));
    Coordination coordination = pg != null ? pg : InProcessCoordination.create();
    Fleet.Builder builder =
        Fleet.builder()
            .coordination(coordination)
            .parallelism(parallelism)
            .leaseTtl(ttl)
            .pollInterval(poll)
            .listener(event -> print(out, event));
    if (worker != null) {
      builder.worker(worker);
    }
    for (FleetConfig.Sync sync : read.get().syncs()) {
      builder.sync(sync.name(), sync.interval(), lease -> open(sync, lease, pg));
    }
    int code = Main.OK;
    try (Fleet fleet = builder.build()) {
      if (once) {
        for (Seq<SyncStatus> done = fleet.runOnce(); !done.isEmpty(); done = fleet.runOnce()) {
          for (SyncStatus s : done) {
            code = Math.max(code, exitCode(s.outcome()));
          }
        }
        return code == 2 ? Main.PROBLEMS : code;
      }
      Thread main = Thread.currentThread();
      Runtime.getRuntime().addShutdownHook(new Thread(main::interrupt));
      fleet.run(() -> true);
    }
    return code;
  }

  private static int exitCode(SyncStatus.Outcome outcome) {
    return switch (outcome) {
      case IN_SYNC, APPLIED, NOT_APPLIED, LEASE_LOST -> Main.OK;
      case INVALID -> 2; // mapped to PROBLEMS unless a failure outranks it
      case FAILED, ROLLED_BACK, ERROR -> Main.APPLY_FAILED;
    };
  }

  private static GitOps open(
      FleetConfig.Sync sync, Lease lease, @Nullable PostgresCoordination pg) {
    GitRepository repository = GitRepository.of(sync.repo());
    if (sync.ref().isDefined()) {
      repository = repository.ref(sync.ref().get());
    }
    if (sync.path().isDefined()) {
      repository = repository.path(sync.path().get());
    }
    if (pg != null) {
      PostgresStateStore store = pg.stateStore(lease);
      return GitOps.builder()
          .repository(repository)
          .secrets(EnvSecretProvider.system())
          .target(DirectoryTarget.at(sync.target()))
          .stateStore(store)
          .history(store)
          .build();
    }
    StateStore state =
        FileStateStore.at(sync.state().getOrElse(() -> TargetOptions.defaultState(sync.target())));
    return GitOps.builder()
        .repository(repository)
        .secrets(EnvSecretProvider.system())
        .target(DirectoryTarget.at(sync.target()))
        .stateStore(state)
        .build();
  }

  private static synchronized void print(PrintWriter out, FleetEvent event) {
    if (event instanceof FleetEvent.SyncFinished f) {
      SyncStatus s = f.status();
      out.println(
          s.sync()
              + " "
              + s.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + s.revision().map(r -> " " + r.substring(0, Math.min(12, r.length()))).getOrElse("")
              + " worker="
              + s.worker()
              + " token="
              + s.token()
              + s.lastError().map(e -> " error=" + e).getOrElse(""));
    } else if (event instanceof FleetEvent.LeaseLost l) {
      out.println(
          l.lease().sync()
              + " lease-lost worker="
              + l.lease().worker()
              + " token="
              + l.lease().token());
    }
  }

  static String jdbcUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return url;
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      return "jdbc:postgresql://" + url.substring(url.indexOf("://") + 3);
    }
    throw new IllegalArgumentException(
        "--postgres must be a jdbc:postgresql:// or postgresql:// URL, not '" + url + "'");
  }

  private static Duration duration(CommandLine cmd, String option, String text) {
    return FleetConfig.parseDuration(text)
        .getOrElseThrow(
            () ->
                new CommandLine.ParameterException(
                    cmd,
                    option + " must be a positive duration such as 30s or 5m, not '" + text + "'"));
  }
}
