package dev.gitops4j.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.load.ManifestLoader;
import dev.gitops4j.core.source.GitRepository;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A cold load against its floor on a shared machine, where wall times swing with the neighbours'
 * load: rounds interleave the floor (checkout, JGit reading every blob, Jackson parsing it), the
 * load on one thread and the load on two, and report medians of wall time and, for the two
 * single-threaded runs, of the calling thread's CPU time (which other processes disturb much less;
 * it leaves out the garbage collector's threads). {@code java -cp benchmarks.jar
 * dev.gitops4j.benchmarks.LoadVsFloor DIR ROUNDS} on a repository made by {@link RepoGenerator}.
 */
public final class LoadVsFloor {
  private LoadVsFloor() {}

  /** {@code DIR ROUNDS}. */
  public static void main(String[] args) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int rounds = Integer.parseInt(args[1]);
    List<Long> floor = new ArrayList<>();
    List<Long> one = new ArrayList<>();
    List<Long> two = new ArrayList<>();
    List<Long> floorCpu = new ArrayList<>();
    List<Long> oneCpu = new ArrayList<>();
    try (GitRepository repo = GitRepository.local(Path.of(args[0]))) {
      Revision rev = repo.resolve().get();
      for (int i = 0; i < rounds; i++) {
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Snapshot snapshot = repo.checkout(rev).get();
        long nodes = 0;
        for (Iterator<SnapshotFile> it = snapshot.files().valuesIterator(); it.hasNext(); ) {
          nodes += yaml.readTree(it.next().content()).size();
        }
        floor.add(System.nanoTime() - start);
        floorCpu.add(threads.getCurrentThreadCpuTime() - cpu);
        cpu = threads.getCurrentThreadCpuTime();
        start = System.nanoTime();
        int loaded = load(repo, rev, 1);
        one.add(System.nanoTime() - start);
        oneCpu.add(threads.getCurrentThreadCpuTime() - cpu);
        start = System.nanoTime();
        loaded += load(repo, rev, 2);
        two.add(System.nanoTime() - start);
        if (nodes == 0 || loaded == 0) {
          throw new IllegalStateException("nothing loaded");
        }
      }
    }
    long f = median(floor);
    long fc = median(floorCpu);
    System.out.printf(
        "files=%s rounds=%d floor %.1f ms (cpu %.1f ms); load 1 thread %.1f ms = %.2fx"
            + " (cpu %.1f ms = %.2fx); load 2 threads %.1f ms = %.2fx%n",
        args[0],
        rounds,
        f / 1e6,
        fc / 1e6,
        median(one) / 1e6,
        (double) median(one) / f,
        median(oneCpu) / 1e6,
        (double) median(oneCpu) / fc,
        median(two) / 1e6,
        (double) median(two) / f);
  }

  private static int load(GitRepository repo, Revision rev, int threads) {
    return ManifestLoader.builder()
        .parallelism(threads)
        .build()
        .load(repo.checkout(rev).get())
        .get()
        .size();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
