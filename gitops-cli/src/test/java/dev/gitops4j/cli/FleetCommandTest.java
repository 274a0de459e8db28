package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.postgres.PostgresCoordination;
import dev.gitops4j.postgres.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops4j fleet}: the config file read strictly, and a run of every sync. */
class FleetCommandTest {
  @TempDir Path tmp;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = tmp.resolve("infra");
    Files.createDirectories(repo.resolve("tenants/a"));
    Files.createDirectories(repo.resolve("tenants/b"));
    Files.writeString(
        repo.resolve("tenants/a/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: a\ndata:\n  k: v\n");
    Files.writeString(
        repo.resolve("tenants/b/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: b\ndata:\n  k: v\n");
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

  private Path config(String yaml) throws Exception {
    Path f = tmp.resolve("fleet.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void everyProblemOfTheConfigIsReportedWithItsLineAndNothingRuns() throws Exception {
    Path f =
        config(
            """
            defaults:
              interval: soon
            syncs:
              - name: a
                repo: infra
                target: dir:out/a
                colour: blue
              - name: a
                repo: infra
                target: s3://bucket
              - repo: infra
                target: dir:out/c
            """);
    CliRun run = CliRun.of("fleet", "--config", f.toString(), "--once");
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.out().lines())
        .containsExactlyInAnyOrder(
            f + ":2: invalid-duration: 'soon' is not a positive duration such as 30s, 5m or 1h30m",
            f
                + ":7: unknown-field: 'colour' is not a sync field (interval, name, path, ref, repo, state, target)",
            f + ":8: duplicate-sync: 'a' is already defined on line 4",
            f + ":10: invalid-target: 's3://bucket' must be dir:DIR (the only built-in target)",
            f + ":11: missing-field: a sync needs 'name'");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aMissingOrMalformedFileIsAProblemNotAStackTrace() throws Exception {
    CliRun missing = CliRun.of("fleet", "--config", tmp.resolve("nope.yaml").toString(), "--once");
    assertThat(missing.code()).isEqualTo(Main.PROBLEMS);
    assertThat(missing.out()).contains("nope.yaml:0: file-not-found");
    CliRun bad = CliRun.of("fleet", "--config", config("syncs: [\n").toString(), "--once");
    assertThat(bad.code()).isEqualTo(Main.PROBLEMS);
    assertThat(bad.out()).contains("yaml-syntax");
    CliRun ttl =
        CliRun.of("fleet", "--config", config("syncs: []\n").toString(), "--lease-ttl", "0s");
    assertThat(ttl.code()).isEqualTo(Main.USAGE);
  }

  @Test
  void onceReconcilesEverySyncWithFileStateThenFindsThemInSync() throws Exception {
    Path f =
        config(
            """
            syncs:
              - {name: a, repo: infra, ref: main, path: tenants/a, target: 'dir:out/a'}
              - {name: b, repo: infra, path: tenants/b, target: 'dir:out/b', interval: 10m}
            """);
    CliRun first = CliRun.of("fleet", "--config", f.toString(), "--once", "--worker", "w1");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out().lines())
        .hasSize(2)
        .allMatch(l -> l.contains(" applied ") && l.contains("worker=w1"));
    assertThat(tmp.resolve("out/a/ConfigMap/a/a.yaml")).exists();
    assertThat(tmp.resolve("out/b/ConfigMap/b/b.yaml")).exists();
    CliRun second = CliRun.of("fleet", "--config", f.toString(), "--once");
    assertThat(second.out().lines()).hasSize(2).allMatch(l -> l.contains(" in_sync "));
  }

  @Test
  void onceWithPostgresKeepsStateAndStatusInTheDatabase() throws Exception {
    String url = LocalPostgres.get().newDatabase();
    Path f =
        config(
            """
            syncs:
              - {name: a, repo: infra, path: tenants/a, target: 'dir:out/a'}
              - {name: b, repo: infra, path: tenants/b, target: 'dir:out/b'}
            """);
    CliRun first = CliRun.of("fleet", "--config", f.toString(), "--postgres", url, "--once");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out().lines()).hasSize(2);
    assertThat(tmp.resolve(".gitops4j")).doesNotExist();
    PostgresCoordination pg = PostgresCoordination.connect(url);
    assertThat(pg.statuses()).hasSize(2);
    assertThat(pg.stateStore("a").inventory().ids().map(Object::toString))
        .containsExactly("ConfigMap/a/a");
    assertThat(pg.stateStore("b").journal()).hasSize(1);
  }
}
