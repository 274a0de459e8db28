package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} on a real directory rolls back by default: a commit whose apply fails exits 3 and
 * leaves the target at the previous revision, the same commit is not applied again, a newer good
 * commit applies; {@code history} lists it all.
 */
class ApplyRollbackCommandTest {
  @TempDir Path tmp;
  Path repo;
  Path out;

  @BeforeEach
  void setUp() {
    repo = tmp.resolve("repo");
    out = tmp.resolve("out");
  }

  private void commit(String file, String content) throws Exception {
    Files.createDirectories(repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Path p = repo.resolve(file);
      if (content.isEmpty()) {
        Files.delete(p);
        git.rm().addFilepattern(file).call();
      } else {
        Files.writeString(p, content);
        git.add().addFilepattern(".").call();
      }
      git.commit()
          .setMessage("c " + file)
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
  }

  private String[] args(String command, String... more) {
    String[] base = {command, "--repo", repo.toString(), "--target", "dir:" + out};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private Map<String, String> contents() throws Exception {
    Map<String, String> all = new TreeMap<>();
    files().forEach((k, v) -> all.put(k, v.substring(0, v.lastIndexOf('@'))));
    return all;
  }

  private Map<String, String> files() throws Exception {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        all.put(
            out.relativize(p).toString(), Files.readString(p) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return all;
  }

  static String cm(String name, String color) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: app\ndata:\n  color: "
        + color
        + "\n";
  }

  @Test
  void aFailedApplyExits3RollsBackAndSticksUntilANewerCommit() throws Exception {
    commit("web.yaml", cm("web", "blue"));
    assertThat(CliRun.of(args("apply")).code()).isZero();
    Files.writeString(out.resolve("Secret"), "a file where the Secret folder must go\n");
    Map<String, String> good = contents();

    commit("web.yaml", cm("web", "green"));
    commit(
        "secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: app\ndata:\n  x: eQ==\n");
    CliRun failed = CliRun.of(args("apply"));
    assertThat(failed.code()).isEqualTo(3);
    assertThat(failed.out()).contains("Rolled back to").contains("Secret/app/token");
    assertThat(contents()).isEqualTo(good);
    Map<String, String> rolledBack = files();

    CliRun again = CliRun.of(args("apply"));
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.out()).contains("failed at").contains("pinned at");
    assertThat(files()).isEqualTo(rolledBack);

    commit("secret.yaml", "");
    CliRun newer = CliRun.of(args("apply"));
    assertThat(newer.code()).isZero();
    assertThat(Files.readString(out.resolve("ConfigMap/app/web.yaml"))).contains("green");

    CliRun history = CliRun.of("history", "--target", "dir:" + out);
    assertThat(history.code()).isZero();
    assertThat(history.out()).contains("rolled-back").contains("skipped").contains("succeeded");
    CliRun json = CliRun.of("history", "--target", "dir:" + out, "--json");
    assertThat(json.out()).contains("\"outcome\"").contains("\"lastKnownGood\"");
  }

  @Test
  void noRollbackLeavesTheTargetHalfWayAndRetriesTheSameCommit() throws Exception {
    commit("web.yaml", cm("web", "blue"));
    assertThat(CliRun.of(args("apply")).code()).isZero();
    Files.writeString(out.resolve("Secret"), "in the way\n");
    commit("web.yaml", cm("web", "green"));
    commit(
        "secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: app\n");
    assertThat(CliRun.of(args("apply", "--no-rollback")).code()).isEqualTo(3);
    assertThat(Files.readString(out.resolve("ConfigMap/app/web.yaml"))).contains("green");
    Files.delete(out.resolve("Secret"));
    assertThat(CliRun.of(args("apply", "--no-rollback")).code()).isZero();
  }

  @Test
  void rolloutOptionsAreCheckedAndUsed() throws Exception {
    commit("web.yaml", cm("web", "blue"));
    CliRun bad = CliRun.of(args("apply", "--max-parallel", "0"));
    assertThat(bad.code()).isEqualTo(64);
    CliRun ok =
        CliRun.of(
            args(
                "apply",
                "--strategy",
                "batches",
                "--batch-size",
                "1",
                "--max-parallel",
                "2",
                "--health-timeout",
                "PT5S",
                "--json"));
    assertThat(ok.code()).isZero();
    assertThat(ok.err()).doesNotContain("\r");
  }

  @Test
  void driftShowsFieldPathsAndApplyHealsItUnlessToldNotTo() throws Exception {
    commit("web.yaml", cm("web", "blue"));
    assertThat(CliRun.of(args("apply")).code()).isZero();
    Path file = out.resolve("ConfigMap/app/web.yaml");
    Files.writeString(file, Files.readString(file).replace("color: blue", "color: red"));

    CliRun drift = CliRun.of(args("drift"));
    assertThat(drift.code()).isEqualTo(2);
    assertThat(drift.out()).contains("/data/color: Git has \"blue\", found \"red\"");
    assertThat(CliRun.of(args("drift", "--json")).out()).contains("\"path\" : \"/data/color\"");

    CliRun reportOnly = CliRun.of(args("apply", "--no-self-heal"));
    assertThat(reportOnly.code()).isEqualTo(2);
    assertThat(Files.readString(file)).contains("red");
    assertThat(CliRun.of(args("apply")).code()).isZero();
    assertThat(Files.readString(file)).contains("blue");
  }
}
