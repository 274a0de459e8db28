package dev.gitops4j.benchmarks;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.Reconciler;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Re-planning through the reconciler of a {@link GitOps} (dry run) against a real {@link
 * DirectoryTarget} and {@link FileStateStore} holding N applied resources, after a commit that
 * touches 10 files, against a cold plan of the same commit in the same run.
 *
 * <p>Both desired states are loaded once in the set-up (loading is {@code LoadBenchmark}'s and
 * {@code ReloadBenchmark}'s subject); each call of {@code replanAfter10FileCommit} plans the other
 * commit than the call before with the same reconciler, so every call finds 10 resources changed
 * since its last plan: it observes the whole target (reads and hashes every file), reads the
 * last-applied record of every resource (a stat each) and plans. {@code coldPlan} does the same
 * with a new facade, target and state store (every file parsed, every resource diffed).
 */
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx3g"})
public class ReplanBenchmark {
  @Param({"10000"})
  int files;

  Path dir;
  GitOps warm;
  Reconciler reconciler;
  DesiredState first;
  DesiredState second;
  boolean toggle;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("gitops4j-replan");
    Path repoDir = dir.resolve("repo");
    String one = RepoGenerator.generate(repoDir, files);
    String two = RepoGenerator.touch(repoDir, files, 10, "v2");
    try (GitOps writer = gitops(false)) {
      Revision rev = writer.repository().resolve(one).get();
      if (!writer.reconciler().get().reconcile(writer.validate(rev).get()).succeeded()) {
        throw new IllegalStateException("the first commit did not apply");
      }
    }
    warm = gitops(true);
    reconciler = warm.reconciler().get();
    first = warm.validate(warm.repository().resolve(one).get()).get();
    second = warm.validate(warm.repository().resolve(two).get()).get();
    int changes = reconciler.plan(second).changes().size();
    if (changes != 10 || !reconciler.plan(first).isEmpty()) {
      throw new IllegalStateException("expected 10 changes, got " + changes);
    }
  }

  private GitOps gitops(boolean dryRun) {
    return GitOps.builder()
        .repository(GitRepository.local(dir.resolve("repo")))
        .target(DirectoryTarget.at(dir.resolve("target")))
        .stateStore(FileStateStore.at(dir.resolve("state")))
        .dryRun(dryRun)
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    warm.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Plan replanAfter10FileCommit() {
    toggle = !toggle;
    return reconciler.plan(toggle ? second : first);
  }

  @Benchmark
  public Plan coldPlan() {
    try (GitOps cold = gitops(true)) {
      return cold.reconciler().get().plan(second);
    }
  }
}
