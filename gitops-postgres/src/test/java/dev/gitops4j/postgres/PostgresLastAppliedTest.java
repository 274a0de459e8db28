package dev.gitops4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.FieldChange;
import dev.gitops4j.api.plan.LastApplied;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import dev.gitops4j.postgres.testing.LocalPostgres;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Last-applied documents on a real PostgreSQL server: fleet syncs plan three ways as with file
 * state, a bulk read sees every other worker's writes, secrets are stored redacted, and a database
 * at schema version 1 is migrated.
 */
class PostgresLastAppliedTest {
  static final ResourceId CM = ResourceId.of("ConfigMap", "app", "settings");
  @TempDir Path tmp;
  String url;
  PostgresCoordination pg;

  @BeforeEach
  void setUp() {
    url = LocalPostgres.get().newDatabase();
    pg = PostgresCoordination.connect(url);
  }

  private static Node.Obj doc(String value) {
    return Node.obj("apiVersion", Node.str("v1"), "data", Node.obj("v", Node.str(value)));
  }

  @Test
  void aFleetSyncPlansThreeWays() throws Exception {
    Path repo = tmp.resolve("repo");
    Path out = tmp.resolve("out");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      commit(git, repo, "  a: \"1\"\n  b: \"2\"\n");
      pg.register(List.of("s"));
      Lease lease = pg.claimDue("w", List.of("s"), 1, Duration.ofMinutes(1)).single();
      try (GitOps g = gitops(repo, out, pg.stateStore(lease))) {
        assertThat(g.reconcile().get().succeeded()).isTrue();
      }
      // someone else adds a field on the target; Git drops "b"
      DirectoryTarget target = DirectoryTarget.at(out);
      Node.Obj onDisk = target.get(CM).get();
      Node.Obj data = (Node.Obj) onDisk.get("data").get();
      target.put(CM, onDisk.with("data", data.with("foreign", Node.str("theirs"))));
      commit(git, repo, "  a: \"1\"\n");

      // a later round, maybe another worker: a new store on the same sync
      try (GitOps g = gitops(repo, out, pg.stateStore(lease))) {
        Plan plan = g.plan().get();
        assertThat(((Change.Update) plan.changes().single()).fields())
            .containsExactly(
                new FieldChange(
                    "/data/b",
                    Option.of(Node.str("2")),
                    Option.none(),
                    FieldChange.Reason.REMOVED_FROM_GIT));
        assertThat(g.reconcile().get().succeeded()).isTrue();
        assertThat(g.plan().get().isEmpty()).isTrue();
      }
      Node.Obj after = target.get(CM).get();
      assertThat(after.at("/data/b")).isEmpty();
      assertThat(after.at("/data/foreign")).contains(Node.str("theirs"));
      assertThat(after.at("/data/a")).contains(Node.str("1"));
    }
  }

  @Test
  void aBulkReadSeesOtherWorkersWritesAndRereadsOnlyChangedRows() {
    PostgresStateStore one = pg.stateStore("t");
    PostgresStateStore two = pg.stateStore("t");
    ResourceId x = ResourceId.of("ConfigMap", "app", "x");
    ResourceId y = ResourceId.of("ConfigMap", "app", "y");
    one.saveLastApplied(x, Option.of(doc("1")));
    one.saveLastApplied(y, Option.of(doc("y")));
    LastApplied first = one.lastAppliedDocuments();
    assertThat(first.get(x)).contains(doc("1"));
    assertThat(pg.stateStore("other").lastAppliedDocuments().get(x)).isEmpty();

    two.saveLastApplied(x, Option.of(doc("2")));
    LastApplied second = one.lastAppliedDocuments();
    assertThat(second.get(x)).contains(doc("2"));
    assertThat(second.get(y).get()).isSameAs(first.get(y).get()); // unchanged row: not re-read
    assertThat(one.lastAppliedDocument(x)).contains(doc("2"));

    two.saveLastApplied(x, Option.none());
    assertThat(one.lastAppliedDocuments().get(x)).isEmpty();
    assertThat(one.lastAppliedDocument(x)).isEmpty();
    assertThat(first.get(x)).contains(doc("1")); // a snapshot stays what it was
  }

  @Test
  void secretValuesAreStoredRedacted() throws Exception {
    ResourceId s = ResourceId.of("Secret", "app", "db");
    Node.Obj secret =
        Node.obj("data", Node.obj("password", new Node.SecretText(Secret.of("hunter2-s3cr3t"))));
    pg.stateStore("t").saveLastApplied(s, Option.of(secret));
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT document FROM gitops4j_applied")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).doesNotContain("hunter2").contains(Secret.REDACTED);
    }
    assertThat(pg.stateStore("t").lastAppliedDocument(s).get().at("/data/password"))
        .contains(Node.str(Secret.REDACTED));
  }

  @Test
  void aDatabaseAtSchemaVersionOneIsMigrated() throws Exception {
    String old = LocalPostgres.get().newDatabase();
    try (Connection c = DriverManager.getConnection(old);
        Statement s = c.createStatement();
        InputStream v1 = PostgresSchema.class.getResourceAsStream("V1__fleet.sql")) {
      s.execute(
          "CREATE TABLE gitops4j_schema (version int PRIMARY KEY,"
              + " applied_at timestamptz NOT NULL DEFAULT now())");
      s.execute(new String(v1.readAllBytes(), StandardCharsets.UTF_8));
      s.execute("INSERT INTO gitops4j_schema (version) VALUES (1)");
      s.execute(
          "INSERT INTO gitops4j_state (sync, key, value) VALUES ('kept', 'inventory',"
              + " '{\"ids\": [\"ConfigMap/app/settings\"], \"pending\": []}')");
    }
    PostgresCoordination migrated = PostgresCoordination.connect(old);
    assertThat(PostgresSchema.latestVersion()).isEqualTo(2);
    try (Connection c = DriverManager.getConnection(old);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM gitops4j_schema")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
    PostgresStateStore store = migrated.stateStore("kept");
    assertThat(store.inventory().ids()).containsExactly(CM);
    store.saveLastApplied(CM, Option.of(doc("1")));
    assertThat(store.lastAppliedDocuments().get(CM)).contains(doc("1"));
  }

  private static GitOps gitops(Path repo, Path out, PostgresStateStore state) {
    return GitOps.builder()
        .repository(GitRepository.local(repo))
        .target(DirectoryTarget.at(out))
        .stateStore(state)
        .selfHeal(true)
        .build();
  }

  private static void commit(Git git, Path repo, String data) throws Exception {
    Files.writeString(
        repo.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: app\ndata:\n"
            + data);
    git.add().addFilepattern("cm.yaml").call();
    git.commit().setMessage("c").setSign(false).call();
  }
}
