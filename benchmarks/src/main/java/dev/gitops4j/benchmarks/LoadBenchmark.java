package dev.gitops4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.load.ManifestLoader;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading is linear: {@code ManifestLoader.load} on N documents in one file and on N files of one
 * document, for N = 10,000 and 100,000, against Jackson's YAML reader (a {@code JsonNode} per
 * document, no validation) reading the same bytes in the same run. Linear loading keeps the time
 * per document flat from 10k to 100k; the old {@code List.append} loops made it grow tenfold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g"})
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
public class LoadBenchmark {
  @Param({"10000", "100000"})
  int documents;

  private Snapshot oneFile;
  private Snapshot manyFiles;
  private byte[] oneFileBytes;
  private byte[][] files;
  private final YAMLMapper jackson = new YAMLMapper(new YAMLFactory());

  @SuppressWarnings("ArrayRecordComponent") // read-only bytes of a benchmark input, never compared
  private record InMemoryFile(String path, String blobId, byte[] bytes) implements SnapshotFile {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public byte[] content() {
      return bytes;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Revision revision = new Revision("0".repeat(40), "bench", Instant.EPOCH, "bench");
    oneFileBytes = Manifests.oneFile(documents);
    oneFile =
        new Snapshot(
            revision, "", TreeMap.of("all.yaml", new InMemoryFile("all.yaml", "b0", oneFileBytes)));
    TreeMap<String, SnapshotFile> many = TreeMap.empty();
    files = new byte[documents][];
    for (int i = 0; i < documents; i++) {
      String path = "ns-" + (i % 100) + "/cm-" + i + ".yaml";
      files[i] = Manifests.configMap(i).getBytes(StandardCharsets.UTF_8);
      many = many.put(path, new InMemoryFile(path, "b" + i, files[i]));
    }
    manyFiles = new Snapshot(revision, "", many);
  }

  private static ManifestLoader loader() {
    return ManifestLoader.builder().maxFileSize(256L << 20).build();
  }

  private static DesiredState valid(Validation<Seq<Problem>, DesiredState> v) {
    if (v.isInvalid()) {
      throw new IllegalStateException(v.getError().take(3).mkString("; "));
    }
    return v.get();
  }

  /** GitOps4J: every document of one file, validated into a desired state. */
  @Benchmark
  public DesiredState loaderOneFile() {
    return valid(loader().load(oneFile));
  }

  /** GitOps4J: one document per file, validated into a desired state. */
  @Benchmark
  public DesiredState loaderManyFiles() {
    return valid(loader().load(manyFiles));
  }

  /** Reference: Jackson reads every document of the same file into a tree. */
  @Benchmark
  public int jacksonOneFile() throws IOException {
    int n = 0;
    try (MappingIterator<JsonNode> it =
        jackson.readerFor(JsonNode.class).readValues(oneFileBytes)) {
      while (it.hasNext()) {
        n += it.next().size();
      }
    }
    return n;
  }

  /** Reference: Jackson reads each of the same files into a tree. */
  @Benchmark
  public int jacksonManyFiles() throws IOException {
    int n = 0;
    for (byte[] f : files) {
      n += jackson.readTree(f).size();
    }
    return n;
  }
}
