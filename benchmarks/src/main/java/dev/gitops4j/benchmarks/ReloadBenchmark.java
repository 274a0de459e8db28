package dev.gitops4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.LastApplied;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.core.load.ManifestLoader;
import dev.gitops4j.core.plan.DefaultPlanner;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.TreeMap;
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
 * Loading a generated, packed repository of N manifests: a cold load to {@code DesiredState}
 * against the floor (JGit reading the same blobs of the same snapshot, Jackson parsing the same
 * bytes), and the reload plus re-plan after a commit that touches 10 files, against the cold load.
 */
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx3g"})
public class ReloadBenchmark {
  @Param({"10000"})
  int files;

  Path dir;
  boolean kept;
  GitRepository repo;
  Snapshot first;
  Snapshot second;
  ManifestLoader warmLoader;
  DefaultPlanner planner;
  ActualState actual;
  Inventory inventory;
  LastApplied last;
  final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String cache = System.getProperty("gitops4j.bench.cache", "");
    String one;
    String two;
    if (cache.isEmpty()) {
      dir = Files.createTempDirectory("gitops4j-bench");
      one = RepoGenerator.generate(dir, files);
      two = RepoGenerator.touch(dir, files, 10, "v2");
    } else {
      // -Dgitops4j.bench.cache=DIR: the repository is generated once and kept for later forks
      dir = Path.of(cache, "reload-" + files);
      kept = true;
      Path commits = dir.resolve(".git/bench-commits");
      if (!Files.exists(commits)) {
        String a = RepoGenerator.generate(dir, files);
        String b = RepoGenerator.touch(dir, files, 10, "v2");
        Files.writeString(commits, a + " " + b);
      }
      String ids = Files.readString(commits).strip();
      one = ids.substring(0, ids.indexOf(' '));
      two = ids.substring(ids.indexOf(' ') + 1);
    }
    repo = GitRepository.local(dir);
    first = repo.checkout(repo.resolve(one).get()).get();
    second = repo.checkout(repo.resolve(two).get()).get();
    DesiredState loaded = ManifestLoader.create().load(first).get();
    TreeMap<ResourceId, Node.Obj> observed = TreeMap.empty();
    for (Resource r : loaded.resources().values()) {
      observed = observed.put(r.id(), r.body());
    }
    actual = new ActualState(observed);
    inventory = Inventory.of(observed.keySet());
    last = id -> loaded.get(id).map(Resource::body);
  }

  /** Before each iteration of the reload: a loader and planner that have seen the first commit. */
  @Setup(Level.Iteration)
  public void warm() {
    warmLoader = ManifestLoader.create();
    planner = new DefaultPlanner();
    planner.plan(warmLoader.load(first).get(), actual, inventory, last, PlanOptions.DEFAULTS);
    System.gc(); // the single shot should not pay for collecting this set-up's garbage
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    repo.close();
    if (kept) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Checkout and load on the calling thread alone. */
  @Benchmark
  public DesiredState coldLoad() {
    Revision rev = first.revision();
    return ManifestLoader.builder().parallelism(1).build().load(repo.checkout(rev).get()).get();
  }

  /** The same, with files parsed on two threads (the caller and one of the common pool). */
  @Benchmark
  public DesiredState coldLoadTwoThreads() {
    Revision rev = first.revision();
    return ManifestLoader.builder().parallelism(2).build().load(repo.checkout(rev).get()).get();
  }

  /** The floor: the same checkout, JGit reading every blob, Jackson parsing its bytes to a tree. */
  @Benchmark
  public int floorJgitReadPlusJacksonParse() throws Exception {
    Snapshot snapshot = repo.checkout(first.revision()).get();
    int n = 0;
    for (java.util.Iterator<SnapshotFile> it = snapshot.files().valuesIterator(); it.hasNext(); ) {
      JsonNode node = yaml.readTree(it.next().content());
      n += node.size();
    }
    return n;
  }

  /**
   * The loader's half of the reload, one call per iteration after {@link #warm()}: the second
   * commit read against the first snapshot (only the differing folders walked) and loaded by
   * patching the first desired state with its 10 changed files.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 3)
  @Measurement(iterations = 12)
  public DesiredState reloadAfter10FileCommit() {
    DesiredState desired = warmLoader.load(repo.checkout(second.revision(), first).get()).get();
    if (warmLoader.loadsPatched() == 0) {
      throw new IllegalStateException("the reload was not patched");
    }
    return desired;
  }

  /**
   * One call per iteration (single shot), after {@link #warm()}: the loader and planner have seen
   * the first commit; the call checks out the second, parses its 10 changed files (the rest come
   * from the blob cache) and re-plans (unchanged resources answered by the planner's memo).
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 3)
  @Measurement(iterations = 12)
  public Plan reloadAndReplanAfter10FileCommit() {
    Snapshot next = repo.checkout(second.revision(), first).get();
    DesiredState desired = warmLoader.load(next).get();
    return planner.plan(desired, actual, inventory, last, PlanOptions.DEFAULTS);
  }
}
