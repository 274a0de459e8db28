package dev.gitops4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.LastApplied;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.DefaultPlanner;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning N resources of which 1% changed, against the floor of reading the same observed
 * documents: Jackson parsing their JSON. Three-way (each resource has a last-applied document).
 * {@code planCold} uses a new planner, so every resource is compared; {@code replanUnchangedInputs}
 * re-plans with the same planner and the same document instances (what an in-memory target and the
 * loader's blob cache hand back), where the per-resource memo answers unchanged resources.
 */
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx3g"})
public class PlanBenchmark {
  @Param({"10000", "100000"})
  int resources;

  DesiredState desired;
  ActualState actual;
  Inventory inventory;
  LastApplied last;
  List<byte[]> observedJson;
  DefaultPlanner warm;
  final ObjectMapper json = new ObjectMapper();

  @Setup
  public void setUp() {
    Revision rev = new Revision("b".repeat(40), "main", Instant.EPOCH, "bench");
    List<Resource> declared = new ArrayList<>();
    TreeMap<ResourceId, Node.Obj> observed = TreeMap.empty();
    HashMap<ResourceId, Node.Obj> applied = HashMap.empty();
    observedJson = new ArrayList<>();
    for (int i = 0; i < resources; i++) {
      Node.Obj doc = PlanManifests.configMap(i, "v1");
      ResourceId id = ResourceId.of("ConfigMap", "ns-" + (i % 20), "cm-" + i);
      declared.add(Resource.of(id, doc));
      Node.Obj seen = PlanManifests.configMap(i, i % 100 == 0 ? "v0" : "v1");
      observed = observed.put(id, seen);
      applied = applied.put(id, PlanManifests.configMap(i, "v0"));
      observedJson.add(Documents.toJson(seen).getBytes(StandardCharsets.UTF_8));
    }
    desired = DesiredState.of(rev, declared);
    actual = new ActualState(observed);
    inventory = Inventory.of(observed.keySet());
    last = LastApplied.of(applied);
    warm = new DefaultPlanner();
    int changes =
        warm.plan(desired, actual, inventory, last, PlanOptions.DEFAULTS).changes().size();
    if (changes != resources / 100) {
      throw new IllegalStateException("expected " + resources / 100 + " changes, got " + changes);
    }
  }

  @Benchmark
  public Plan planCold() {
    return new DefaultPlanner().plan(desired, actual, inventory, last, PlanOptions.DEFAULTS);
  }

  @Benchmark
  public Plan replanUnchangedInputs() {
    return warm.plan(desired, actual, inventory, last, PlanOptions.DEFAULTS);
  }

  @Benchmark
  public int jacksonParseSameObjects() throws Exception {
    int n = 0;
    for (byte[] doc : observedJson) {
      JsonNode node = json.readTree(doc);
      n += node.size();
    }
    return n;
  }
}
