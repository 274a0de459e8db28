package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What apply must never do through the CLI: prune everything, or prune what it did not write. */
class SafetyCommandTest {
  @TempDir Path tmp;
  Path repo;
  Path out;

  @BeforeEach
  void setUp() throws Exception {
    repo = tmp.resolve("repo");
    out = tmp.resolve("out");
    Files.createDirectories(repo.resolve("apps"));
    Files.writeString(repo.resolve("apps/a.yaml"), cm("a"));
    Files.writeString(repo.resolve("apps/b.yaml"), cm("b"));
    Files.writeString(repo.resolve("README.md"), "docs\n");
    Files.createDirectories(repo.resolve("kustomize-only"));
    Files.writeString(repo.resolve("kustomize-only/kustomization.yaml"), "resources: []\n");
    commit();
  }

  static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n";
  }

  private void commit() throws Exception {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      git.commit()
          .setMessage("c")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
  }

  private CliRun run(String command, String... more) {
    String[] base = {command, "--repo", repo.toString(), "--target", "dir:" + out};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void aPathThatYieldsNothingExitsOneAndDeletesNothing() {
    assertThat(run("apply", "--path", "apps").code()).isZero();
    String[][] cases = {
      {"README.md", "nothing-to-load"}, {"kustomize-only", "empty-desired-state"}
    };
    for (String[] c : cases) {
      CliRun apply = run("apply", "--path", c[0]);
      assertThat(apply.code()).as(c[0]).isEqualTo(1);
      assertThat(apply.out()).contains(c[1]);
      assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).exists();
      assertThat(out.resolve("ConfigMap/_cluster/b.yaml")).exists();
    }
  }

  @Test
  void aPathThatNamesAFileLoadsThatFile() {
    CliRun apply = run("apply", "--path", "apps/a.yaml");
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).exists();
    assertThat(out.resolve("ConfigMap/_cluster/b.yaml")).doesNotExist();
  }

  @Test
  void anEmptyDesiredStateIsRefusedUnlessAllowed() throws Exception {
    assertThat(run("apply", "--path", "apps").code()).isZero();
    Files.writeString(repo.resolve("apps/a.yaml"), "# nothing here yet\n");
    Files.writeString(repo.resolve("apps/b.yaml"), "# and nothing here\n");
    commit();
    CliRun refused = run("apply", "--path", "apps");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).contains("empty-desired-state");
    assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).exists();
    assertThat(run("plan", "--path", "apps").code()).isEqualTo(1);

    CliRun allowed = run("apply", "--path", "apps", "--allow-empty");
    assertThat(allowed.code()).isZero();
    assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).doesNotExist();
  }

  @Test
  void aResourceMadeByHandUnderAnIdAFailedApplyPlannedSurvivesEveryLaterApply() throws Exception {
    // b cannot be written: a folder stands where its file would go
    Files.createDirectories(out.resolve("ConfigMap/_cluster/b.yaml/blocker"));
    CliRun failed = run("apply", "--path", "apps");
    assertThat(failed.code()).isEqualTo(3);
    assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).exists();

    Files.delete(out.resolve("ConfigMap/_cluster/b.yaml/blocker"));
    Files.delete(out.resolve("ConfigMap/_cluster/b.yaml"));
    String handMade = "kind: ConfigMap\nmetadata:\n  name: b\ndata:\n  mine: \"yes\"\n";
    Files.writeString(out.resolve("ConfigMap/_cluster/b.yaml"), handMade);
    Files.delete(repo.resolve("apps/b.yaml"));
    commit();
    for (int i = 0; i < 3; i++) {
      CliRun apply = run("apply", "--path", "apps");
      assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
      assertThat(Files.readString(out.resolve("ConfigMap/_cluster/b.yaml"))).isEqualTo(handMade);
    }
  }

  @Test
  void aBusyStateIsReportedWithItsHolder() throws Exception {
    assertThat(run("apply", "--path", "apps").code()).isZero();
    Path state = tmp.resolve(".gitops4j/out");
    try (var lock =
        dev.gitops4j.core.history.FileStateStore.at(state).lock(java.time.Duration.ZERO)) {
      CliRun busy =
          java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> run("apply", "--path", "apps", "--lock-timeout", "100ms"))
              .get();
      assertThat(busy.code()).isEqualTo(3);
      assertThat(busy.err()).contains("busy: the state " + state);
    }
  }

  @Test
  void aForeignFileThatIsNotUtf8IsSkippedNotAnError() throws Exception {
    assertThat(run("apply", "--path", "apps").code()).isZero();
    byte[] latin1 = {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xe9, (byte) 0xff, '\n'};
    Path foreign = out.resolve("ConfigMap/_cluster/foreign.yaml");
    Files.write(foreign, latin1);
    Path notAMapping = out.resolve("ConfigMap/_cluster/list.yaml");
    Files.writeString(notAMapping, "- just\n- a list\n");

    CliRun plan = run("plan", "--path", "apps");
    assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
    CliRun drift = run("drift", "--path", "apps");
    assertThat(drift.code()).as(drift.out() + drift.err()).isZero();
    CliRun apply = run("apply", "--path", "apps");
    assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
    Files.writeString(repo.resolve("apps/c.yaml"), cm("c"));
    Files.delete(repo.resolve("apps/a.yaml"));
    commit();
    CliRun next = run("apply", "--path", "apps");
    assertThat(next.code()).as(next.out() + next.err()).isZero();
    assertThat(out.resolve("ConfigMap/_cluster/c.yaml")).exists();
    assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).doesNotExist();
    assertThat(Files.readAllBytes(foreign)).isEqualTo(latin1);
    assertThat(Files.readString(notAMapping)).isEqualTo("- just\n- a list\n");
  }
}
