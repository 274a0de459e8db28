package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.core.history.FileStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies of different repositories onto one target at once never interleave: the second waits
 * for the first, and the target ends exactly as one of them, owned by it. A lock held by another
 * JVM is reported with its PID and host.
 */
class ConcurrentApplyIT {
  @TempDir Path tmp;

  Path repo(String name, int count) throws Exception {
    Path repo = tmp.resolve(name);
    Files.createDirectories(repo);
    for (int i = 0; i < count; i++) {
      Files.writeString(
          repo.resolve(name + i + ".yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + i + "\ndata:\n  k: v\n");
    }
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("c")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    return repo;
  }

  Set<String> files(Path out) throws Exception {
    Set<String> names = new TreeSet<>();
    if (Files.exists(out)) {
      try (Stream<Path> walk = Files.walk(out)) {
        walk.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
      }
    }
    return names;
  }

  @Test
  void twoConcurrentAppliesNeverInterleave() throws Exception {
    Path a = repo("alpha", 120);
    Path b = repo("beta", 120);
    Path out = tmp.resolve("out");
    for (int round = 0; round < 3; round++) {
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> await(go, a, out));
      CompletableFuture<CliRun> second = CompletableFuture.supplyAsync(() -> await(go, b, out));
      go.countDown();
      CliRun r1 = first.get(120, TimeUnit.SECONDS);
      CliRun r2 = second.get(120, TimeUnit.SECONDS);
      assertThat(r1.code()).as(r1.err() + r1.out()).isZero();
      assertThat(r2.code()).as(r2.err() + r2.out()).isZero();
      Set<String> onDisk = files(out);
      assertThat(onDisk).hasSize(120);
      String winner = onDisk.iterator().next().startsWith("alpha") ? "alpha" : "beta";
      assertThat(onDisk).allMatch(n -> n.startsWith(winner));
      FileStateStore state = FileStateStore.at(tmp.resolve(".gitops4j/out"));
      assertThat(state.inventory().ids().map(id -> id.name() + ".yaml").toJavaSet())
          .isEqualTo(onDisk);
      assertThat(state.inventory().pending()).isEmpty();
    }
  }

  private static CliRun await(CountDownLatch go, Path repo, Path out) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return CliRun.of(
        "apply",
        "--repo",
        repo.toString(),
        "--target",
        "dir:" + out,
        "--lock-timeout",
        "60s",
        "--allow-empty");
  }

  @Test
  void aLockHeldByAnotherProcessIsReportedWithItsPidAndHost() throws Exception {
    Path a = repo("alpha", 3);
    Path out = tmp.resolve("out");
    Path state = tmp.resolve(".gitops4j/out");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                state.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("locked")) {
        // wait for the child to hold the lock
      }
      assertThat(line).isEqualTo("locked");
      CliRun busy =
          CliRun.of(
              "apply", "--repo", a.toString(), "--target", "dir:" + out, "--lock-timeout", "200ms");
      assertThat(busy.code()).isEqualTo(3);
      assertThat(busy.err())
          .contains("busy: the state " + state + " is held by PID " + holder.pid() + " on ")
          .contains(" since ");
      assertThat(files(out)).isEmpty();
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    CliRun after =
        CliRun.of(
            "apply", "--repo", a.toString(), "--target", "dir:" + out, "--lock-timeout", "0s");
    assertThat(after.code()).as(after.err()).isZero();
    assertThat(files(out)).hasSize(3);
  }

  /** Holds a state lock until its standard input closes; killed, its lock is released by the OS. */
  public static final class LockHolder {
    public static void main(String[] args) throws Exception {
      try (var lock = FileStateStore.at(Path.of(args[0])).lock(Duration.ZERO)) {
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
          // hold
        }
      }
    }
  }
}
