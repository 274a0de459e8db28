package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.fleet.SyncStatus;
import dev.gitops4j.postgres.PostgresCoordination;
import dev.gitops4j.postgres.PostgresCoordination.Attempt;
import dev.gitops4j.postgres.testing.LocalPostgres;
import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes of {@code gitops4j fleet} sharing one real PostgreSQL: every sync reconciled,
 * never by two workers at once, a killed worker's syncs handed over, a paused worker fenced off.
 */
class FleetProcessIT {
  @TempDir Path tmp;
  String url;
  PostgresCoordination pg;
  final List<Process> workers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    url = LocalPostgres.get().newDatabase();
    pg = PostgresCoordination.connect(url);
    Path repo = tmp.resolve("infra");
    Files.createDirectories(repo);
    Files.writeString(
        repo.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: app\ndata:\n  k: v\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("c")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
  }

  @AfterEach
  void stopWorkers() throws Exception {
    for (Process p : workers) {
      new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Path config(int syncs, String interval) throws Exception {
    StringBuilder yaml = new StringBuilder("defaults:\n  interval: " + interval + "\nsyncs:\n");
    for (int i = 0; i < syncs; i++) {
      yaml.append("  - {name: s")
          .append(i)
          .append(", repo: infra, target: 'dir:out/s")
          .append(i)
          .append("'}\n");
    }
    Path f = tmp.resolve("fleet.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private Process worker(Path config, String name, String ttl, String poll) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "fleet",
                "--config",
                config.toString(),
                "--postgres",
                url,
                "--worker",
                name,
                "--lease-ttl",
                ttl,
                "--poll-interval",
                poll)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve(name + ".log").toFile())
            .start();
    workers.add(p);
    return p;
  }

  @Test
  void threeWorkersShareThreeHundredSyncsAndAKilledWorkersSyncsPassToTheOthers() throws Exception {
    Path config = config(300, "2s");
    Process w0 = worker(config, "w0", "3s", "200ms");
    worker(config, "w1", "3s", "200ms");
    worker(config, "w2", "3s", "200ms");
    await(() -> pg.statuses().size() == 300, Duration.ofMinutes(3), "every sync reconciled once");
    assertThat(pg.statuses().map(SyncStatus::outcome).distinct())
        .allMatch(o -> o == SyncStatus.Outcome.APPLIED || o == SyncStatus.Outcome.IN_SYNC);
    for (int i = 0; i < 300; i++) {
      assertThat(tmp.resolve("out/s" + i + "/ConfigMap/app/app.yaml")).exists();
    }

    // A worker holds leases only while it works on syncs: catch w0 at it, then kill it at once.
    Map<String, Long> heldByW0 = new HashMap<>();
    for (int i = 0; i < 200 && heldByW0.isEmpty(); i++) {
      heldByW0.putAll(leasesOf("w0"));
      if (heldByW0.isEmpty()) {
        Thread.sleep(25);
      }
    }
    Instant killedAt = Instant.now();
    w0.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    heldByW0.putAll(leasesOf("w0")); // what it still held when it died
    assertThat(heldByW0).as("w0 held leases when it was killed").isNotEmpty();
    await(
        () -> heldByW0.keySet().stream().allMatch(s -> takenOverAfter(s, killedAt)),
        Duration.ofMinutes(1),
        "the killed worker's syncs reconciled by the others");
    Duration failover =
        heldByW0.keySet().stream()
            .map(s -> Duration.between(killedAt, firstStartAfter(s, killedAt)))
            .max(Duration::compareTo)
            .orElseThrow();
    System.out.println(
        "fleet failover: "
            + heldByW0.size()
            + " leases of the killed worker taken over within "
            + failover.toMillis()
            + " ms (lease ttl 3 s + poll 200 ms)");

    Seq<Attempt> attempts = pg.attempts();
    assertThat(attempts.map(Attempt::worker).distinct()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(
            attempts.filter(
                a -> a.worker().equals("w0") && a.finishedAt().isAfter(killedAt.plusSeconds(1))))
        .isEmpty();
    assertNeverTwoAtOnce(attempts);
  }

  @Test
  void aPausedWorkerWhoseLeasesLapsedCannotWriteAfterItResumes() throws Exception {
    Path config = config(40, "1s");
    Process paused = worker(config, "paused", "2s", "100ms");
    worker(config, "active", "2s", "100ms");
    await(() -> pg.statuses().size() == 40, Duration.ofMinutes(2), "every sync reconciled once");

    Map<String, Long> held = Map.of();
    for (int i = 0; i < 20 && held.isEmpty(); i++) {
      signal("STOP", paused);
      held = leasesOf("paused");
      if (held.isEmpty()) {
        signal("CONT", paused);
        Thread.sleep(150);
      }
    }
    assertThat(held).as("the paused worker was caught holding leases").isNotEmpty();
    Map<String, Long> stale = held;
    await(
        () -> stale.entrySet().stream().allMatch(e -> newerAttempt(e.getKey(), e.getValue())),
        Duration.ofMinutes(1),
        "the paused worker's syncs taken over");
    signal("CONT", paused);
    await(
        () -> stale.entrySet().stream().allMatch(e -> logged("paused", e)),
        Duration.ofMinutes(1),
        "the resumed worker noticing its lost leases");

    Seq<Attempt> attempts = pg.attempts();
    for (Map.Entry<String, Long> e : stale.entrySet()) {
      assertThat(attempts.filter(a -> a.token() == e.getValue()))
          .as("no attempt recorded under a lost lease")
          .isEmpty();
    }
    assertJournalTokensNeverGoBack();
    assertNeverTwoAtOnce(attempts);
  }

  private boolean logged(String name, Map.Entry<String, Long> lease) {
    try {
      String log = Files.readString(tmp.resolve(name + ".log"), StandardCharsets.UTF_8);
      return log.contains(
          lease.getKey() + " lease-lost worker=" + name + " token=" + lease.getValue());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void signal(String signal, Process p) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
  }

  /** Per sync, attempts ordered by token never overlap in time. */
  private static void assertNeverTwoAtOnce(Seq<Attempt> attempts) {
    attempts
        .groupBy(Attempt::sync)
        .forEach(
            (sync, list) -> {
              Seq<Attempt> byToken = list.sortBy(Attempt::token);
              for (int i = 1; i < byToken.size(); i++) {
                assertThat(byToken.get(i).startedAt())
                    .as(
                        "attempt %s of %s starts after %s ended",
                        byToken.get(i), sync, byToken.get(i - 1))
                    .isAfterOrEqualTo(byToken.get(i - 1).finishedAt());
              }
            });
  }

  /** No state write under an older lease lands after one under a newer lease. */
  private void assertJournalTokensNeverGoBack() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement("SELECT sync, token FROM gitops4j_journal ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      Map<String, Long> last = new HashMap<>();
      int rows = 0;
      while (rs.next()) {
        rows++;
        String sync = rs.getString(1);
        long token = rs.getLong(2);
        assertThat(token)
            .as("journal of %s", sync)
            .isGreaterThanOrEqualTo(last.getOrDefault(sync, 0L));
        last.put(sync, token);
      }
      assertThat(rows).isPositive();
    }
  }

  private Map<String, Long> leasesOf(String worker) throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT name, lease_token FROM gitops4j_sync WHERE lease_owner = ? AND lease_expires > now()")) {
      ps.setString(1, worker);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  private boolean takenOverAfter(String sync, Instant at) {
    return pg.attempts()
        .exists(
            a -> a.sync().equals(sync) && !a.worker().equals("w0") && a.startedAt().isAfter(at));
  }

  private Instant firstStartAfter(String sync, Instant at) {
    return pg.attempts()
        .filter(a -> a.sync().equals(sync) && a.startedAt().isAfter(at))
        .map(Attempt::startedAt)
        .min()
        .get();
  }

  private boolean newerAttempt(String sync, long token) {
    return pg.attempts().exists(a -> a.sync().equals(sync) && a.token() > token);
  }

  private void await(BooleanSupplier condition, Duration timeout, String what) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (!Instant.now().isBefore(deadline)) {
        throw new AssertionError("timed out waiting for: " + what + "\n" + workerLogs());
      }
      Thread.sleep(100);
    }
  }

  /** The last lines each worker printed, and whether it still runs: what a failure needs. */
  private String workerLogs() {
    StringBuilder out = new StringBuilder();
    try (var logs = Files.list(tmp)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        java.util.List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.append("--- ")
            .append(log.getFileName())
            .append(" (")
            .append(lines.size())
            .append(" lines), last 40:\n");
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      }
    } catch (java.io.IOException e) {
      out.append("(cannot read the worker logs: ").append(e).append(")\n");
    }
    workers.forEach(
        p ->
            out.append("worker pid ")
                .append(p.pid())
                .append(" alive=")
                .append(p.isAlive())
                .append('\n'));
    return out.toString();
  }
}
