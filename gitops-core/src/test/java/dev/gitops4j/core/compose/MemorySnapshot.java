package dev.gitops4j.core.compose;

import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import io.vavr.collection.TreeMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** A snapshot of in-memory files, for fast property tests. */
final class MemorySnapshot {
  private MemorySnapshot() {}

  static final class File implements SnapshotFile {
    private final String path;
    private final byte[] bytes;

    File(String path, byte[] bytes) {
      this.path = path;
      this.bytes = bytes.clone();
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public String blobId() {
      return Integer.toHexString(java.util.Arrays.hashCode(bytes));
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public byte[] content() {
      return bytes.clone();
    }
  }

  static Snapshot of(String root, Map<String, String> files) {
    TreeMap<String, SnapshotFile> map = TreeMap.empty();
    for (Map.Entry<String, String> e : files.entrySet()) {
      map =
          map.put(e.getKey(), new File(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return new Snapshot(new Revision("0".repeat(40), "main", Instant.EPOCH, "test"), root, map);
  }
}
