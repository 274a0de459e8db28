package dev.gitops4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonDiff;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.JsonPatch;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON Patch generation against zjsonpatch (the peer, used here only): a pair of ~2 KB Deployment
 * manifests that differ the way commits do (an image bumped, an env var inserted, a label added,
 * replicas changed), and the 64k-element list shrunk by one element. Both libraries diff their own
 * pre-parsed trees; both patches are checked once in setup to turn one into the other.
 */
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PatchBenchmark {
  Node manifestA;
  Node manifestB;
  JsonNode jacksonA;
  JsonNode jacksonB;
  Node bigA;
  Node bigB;
  JsonNode jacksonBigA;
  JsonNode jacksonBigB;

  @Setup
  public void setUp() throws Exception {
    manifestA = PlanManifests.deployment(7, "nginx:1.25", 3, false);
    manifestB = PlanManifests.deployment(7, "nginx:1.27", 4, true);
    ObjectMapper json = new ObjectMapper();
    jacksonA = json.readTree(Documents.toJson(manifestA));
    jacksonB = json.readTree(Documents.toJson(manifestB));
    Vector<Node> items = Vector.range(0, 65_536).map(i -> (Node) Node.num(i));
    bigA = Node.obj("items", new Node.Arr(items));
    bigB = Node.obj("items", new Node.Arr(items.removeAt(1_000)));
    jacksonBigA = json.readTree(Documents.toJson(bigA));
    jacksonBigB = json.readTree(Documents.toJson(bigB));
    Seq<PatchOperation> patch = JsonPatch.diff(manifestA, manifestB);
    if (!JsonPatch.jsonEquals(JsonPatch.apply(manifestA, patch).get(), manifestB)
        || JsonPatch.diff(bigA, bigB).size() != 1) {
      throw new IllegalStateException("GitOps4J patch does not reproduce the target");
    }
    if (!com.flipkart.zjsonpatch.JsonPatch.apply(JsonDiff.asJson(jacksonA, jacksonB), jacksonA)
        .equals(jacksonB)) {
      throw new IllegalStateException("zjsonpatch patch does not reproduce the target");
    }
    System.out.println(
        "\nmanifest JSON bytes: "
            + Documents.toJson(manifestA).length()
            + "; GitOps4J ops: "
            + patch.size()
            + "; zjsonpatch ops: "
            + JsonDiff.asJson(jacksonA, jacksonB).size()
            + "; 64k shrink: GitOps4J ops "
            + JsonPatch.diff(bigA, bigB).size()
            + ", zjsonpatch ops "
            + JsonDiff.asJson(jacksonBigA, jacksonBigB).size());
  }

  @Benchmark
  public Seq<PatchOperation> manifestGitops4j() {
    return JsonPatch.diff(manifestA, manifestB);
  }

  @Benchmark
  public JsonNode manifestZjsonpatch() {
    return JsonDiff.asJson(jacksonA, jacksonB);
  }

  @Benchmark
  public Seq<PatchOperation> shrink64kGitops4j() {
    return JsonPatch.diff(bigA, bigB);
  }

  @Benchmark
  public JsonNode shrink64kZjsonpatch() {
    return JsonDiff.asJson(jacksonBigA, jacksonBigB);
  }
}
