package dev.gitops4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.load.ManifestLoader;
import dev.gitops4j.core.source.GitRepository;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap retained by a loaded repository, against Jackson's own trees of the same files in the same
 * JVM: used heap after several full collections, before and after each structure is built and held.
 * {@code java -cp benchmarks.jar dev.gitops4j.benchmarks.LoadHeap DIR N}: generates N manifests in
 * DIR ({@link RepoGenerator}) unless DIR exists, then prints one line per measure.
 */
public final class LoadHeap {
  private LoadHeap() {}

  /** {@code DIR N}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    if (!Files.exists(dir)) {
      RepoGenerator.generate(dir, n);
    }
    try (GitRepository repo = GitRepository.local(dir)) {
      Snapshot snapshot = repo.checkout(repo.resolve().get()).get();
      ManifestLoader.create().load(snapshot).get(); // warm up, then drop
      long base = used();
      ManifestLoader loader = ManifestLoader.builder().parallelism(1).build();
      DesiredState state = loader.load(snapshot).get();
      long withLoader = used() - base;
      loader = null; // the parse cache goes; the state stays
      long stateOnly = used() - base;
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      List<JsonNode> trees = new ArrayList<>(snapshot.files().size());
      for (SnapshotFile f : snapshot.files().values()) {
        trees.add(yaml.readTree(f.content()));
      }
      long jackson = used() - base - stateOnly;
      System.out.printf(
          "resources=%d stateMB=%.1f statePlusLoaderCacheMB=%.1f jacksonTreesMB=%.1f"
              + " state/jackson=%.2f%n",
          state.size(), mb(stateOnly), mb(withLoader), mb(jackson), (double) stateOnly / jackson);
      if (trees.size() != snapshot.files().size() || loader != null) {
        throw new IllegalStateException("unreachable: keeps the trees and the state alive");
      }
    }
  }

  private static double mb(long bytes) {
    return bytes / 1_000_000.0;
  }

  private static long used() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
