package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM applying to a real directory is killed (destroyForcibly) at random moments; after
 * each kill the next apply converges, no temporary file is left, and the unmanaged file survives.
 * The seed is printed so that a failing run can be replayed.
 */
class KillDuringApplyIT {
  static final int RUNS = 20;
  static final int RESOURCES = 400;
  @TempDir Path tmp;

  @Test
  void everyKilledApplyConvergesOnTheNextRun() throws Exception {
    long seed = Long.getLong("gitops4j.kill.seed", System.nanoTime());
    System.out.println("KillDuringApplyIT seed " + seed);
    Random random = new Random(seed);
    Path repo = tmp.resolve("repo");
    Path out = tmp.resolve("out");
    Path state = tmp.resolve("state");
    List<String> commits = new ArrayList<>();
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (String color : List.of("blue", "green", "red")) {
        try (Stream<Path> old = Files.list(repo)) {
          for (Path p :
              (Iterable<Path>) old.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
            Files.delete(p);
          }
        }
        int offset = color.equals("green") ? 50 : 0;
        for (int i = offset; i < RESOURCES + offset; i++) {
          Files.writeString(
              repo.resolve("cm-" + i + ".yaml"),
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-"
                  + i
                  + "\n  namespace: app\ndata:\n  color: "
                  + color
                  + "\n");
        }
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        RevCommit c =
            git.commit()
                .setMessage(color)
                .setSign(false)
                .setAuthor("t", "t@e")
                .setCommitter("t", "t@e")
                .call();
        commits.add(c.getName());
      }
    }
    Files.createDirectories(out.resolve("ConfigMap/app"));
    Path handMade = out.resolve("ConfigMap/app/hand-made.yaml");
    Files.writeString(
        handMade,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hand-made\n  namespace: app\n");

    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = System.getProperty("java.class.path");
    int kills = 0;
    for (int run = 0; kills < RUNS && run < 3 * RUNS; run++) {
      String ref = commits.get(run % commits.size());
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  "dev.gitops4j.cli.Main",
                  "apply",
                  "--repo",
                  repo.toString(),
                  "--ref",
                  ref,
                  "--target",
                  "dir:" + out,
                  "--state",
                  state.toString())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("child-" + run + ".log").toFile())
              .start();
      long delay = 100L + random.nextInt(1500);
      if (!child.waitFor(delay, TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
        kills++;
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

      CliRun converge =
          CliRun.of(
              "apply",
              "--repo",
              repo.toString(),
              "--ref",
              ref,
              "--target",
              "dir:" + out,
              "--state",
              state.toString());
      assertThat(converge.code())
          .as("run %d (seed %d): %s %s", run, seed, converge.out(), converge.err())
          .isZero();
      TreeSet<String> expected = new TreeSet<>();
      int offset = run % commits.size() == 1 ? 50 : 0;
      for (int i = offset; i < RESOURCES + offset; i++) {
        expected.add("ConfigMap/app/cm-" + i + ".yaml");
      }
      expected.add("ConfigMap/app/hand-made.yaml");
      assertThat(files(out)).as("run %d (seed %d)", run, seed).isEqualTo(expected);
      assertThat(Files.readString(out.resolve("ConfigMap/app/cm-" + (offset + 1) + ".yaml")))
          .contains(List.of("blue", "green", "red").get(run % commits.size()));
      assertThat(leftovers(out)).as("temporary files in the target, run %d", run).isEmpty();
      assertThat(leftovers(state)).as("temporary files in the state, run %d", run).isEmpty();
      assertThat(
              CliRun.of(
                      "plan",
                      "--repo",
                      repo.toString(),
                      "--ref",
                      ref,
                      "--target",
                      "dir:" + out,
                      "--state",
                      state.toString())
                  .code())
          .isZero();
    }
    assertThat(kills).as("children killed before they finished (seed %d)", seed).isEqualTo(RUNS);
  }

  private static java.util.SortedSet<String> files(Path root) throws Exception {
    TreeSet<String> all = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> all.add(root.relativize(p).toString().replace('\\', '/')));
    }
    return all;
  }

  private static List<String> leftovers(Path root) throws Exception {
    List<String> out = new ArrayList<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.getFileName().toString().endsWith(".tmp"))
          .forEach(p -> out.add(p.toString()));
    }
    return out;
  }
}
