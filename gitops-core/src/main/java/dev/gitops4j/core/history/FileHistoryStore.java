package dev.gitops4j.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.history.HistoryStore;
import dev.gitops4j.core.internal.AtomicFiles;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HistoryStore} in a directory (the CLI uses the state directory): {@code history.jsonl}
 * holds one record a line, appended and synced; {@code failed.json} the failed marks and {@code
 * suspended.json} the suspension, each replaced atomically. The history is rewritten to the newest
 * {@code retention} records (plus the newest good one) once it holds twice as many, so it stays
 * bounded at linear cost. A torn last line left by a crash is skipped with a warning.
 */
public final class FileHistoryStore implements HistoryStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileHistoryStore.class);
  private static final String HISTORY = "history.jsonl";
  private final Path dir;
  private final int retention;
  private @Nullable Vector<HistoryRecord> cache;

  private FileHistoryStore(Path dir, int retention) {
    this.dir = dir;
    this.retention = retention;
  }

  /**
   * A store in {@code dir} keeping the newest 100 records; files are created on first write.
   *
   * @param dir the directory for the history files, made absolute; need not exist yet
   * @return a store on that directory
   */
  public static FileHistoryStore at(Path dir) {
    return at(dir, 100);
  }

  /**
   * A store in {@code dir} keeping the newest {@code retention} records (at least 1).
   *
   * @param dir the directory for the history files, made absolute; need not exist yet
   * @param retention how many records to keep; older ones are dropped as new ones are added
   * @return a store on that directory
   * @throws IllegalArgumentException if {@code retention} is less than 1
   */
  public static FileHistoryStore at(Path dir, int retention) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention must be at least 1, not " + retention);
    }
    return new FileHistoryStore(dir.toAbsolutePath().normalize(), retention);
  }

  /**
   * The directory holding the files.
   *
   * @return the absolute, normalized history directory
   */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void record(HistoryRecord record) {
    Vector<HistoryRecord> all = load().append(record);
    try {
      Files.createDirectories(dir);
      if (all.size() >= 2 * retention) {
        all = Retention.trim(all, retention);
        StringBuilder text = new StringBuilder();
        for (HistoryRecord r : all) {
          text.append(HistoryJson.JSON.writeValueAsString(HistoryJson.toJson(r))).append('\n');
        }
        AtomicFiles.write(dir.resolve(HISTORY), text.toString().getBytes(StandardCharsets.UTF_8));
      } else {
        Files.writeString(
            dir.resolve(HISTORY),
            (endsTorn() ? "\n" : "")
                + HistoryJson.JSON.writeValueAsString(HistoryJson.toJson(record))
                + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.SYNC);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing history in " + dir, e);
    }
    cache = all;
  }

  @Override
  public synchronized Seq<HistoryRecord> records() {
    Vector<HistoryRecord> all = load();
    return all.size() > retention ? Retention.trim(all, retention) : all;
  }

  @Override
  public synchronized void markFailed(FailedRevision mark) {
    writeFailed(readFailed().put(mark.commit(), mark));
  }

  @Override
  public synchronized Option<FailedRevision> failed(String commit) {
    return readFailed().get(commit);
  }

  @Override
  public synchronized Seq<FailedRevision> failedRevisions() {
    return readFailed().values().toVector();
  }

  @Override
  public synchronized boolean clearFailed(String commit) {
    TreeMap<String, FailedRevision> all = readFailed();
    if (!all.containsKey(commit)) {
      return false;
    }
    writeFailed(all.remove(commit));
    return true;
  }

  @Override
  public synchronized Option<String> suspended() {
    return readJson("suspended.json").map(n -> n.path("reason").asText());
  }

  @Override
  public synchronized void suspend(String reason) {
    ObjectNode n = HistoryJson.JSON.createObjectNode();
    n.put("reason", reason);
    writeJson("suspended.json", n);
  }

  @Override
  public synchronized boolean resume() {
    try {
      return Files.deleteIfExists(dir.resolve("suspended.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("resuming in " + dir, e);
    }
  }

  /**
   * True when the file's last line has no newline: a crash tore it; the next record starts anew.
   */
  private boolean endsTorn() throws IOException {
    Path file = dir.resolve(HISTORY);
    if (!Files.exists(file)) {
      return false;
    }
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      if (size == 0) {
        return false;
      }
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      ch.position(size - 1);
      ch.read(last);
      return last.get(0) != '\n';
    }
  }

  private Vector<HistoryRecord> load() {
    Vector<HistoryRecord> c = cache;
    if (c != null) {
      return c;
    }
    Path file = dir.resolve(HISTORY);
    java.util.List<HistoryRecord> out = new java.util.ArrayList<>();
    if (Files.exists(file)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          try {
            out.add(HistoryJson.record(HistoryJson.JSON.readTree(line)));
          } catch (IOException | RuntimeException e) {
            LOG.warn("{}:{}: history: skipping an unreadable record", file, lineNo);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading history in " + dir, e);
      }
    }
    c = Vector.ofAll(out);
    cache = c;
    return c;
  }

  private TreeMap<String, FailedRevision> readFailed() {
    TreeMap<String, FailedRevision> out = TreeMap.empty();
    for (JsonNode n : readJson("failed.json").map(j -> j.path("failed")).toList()) {
      for (JsonNode f : n) {
        FailedRevision mark = HistoryJson.failed(f);
        out = out.put(mark.commit(), mark);
      }
    }
    return out;
  }

  private void writeFailed(TreeMap<String, FailedRevision> all) {
    ObjectNode root = HistoryJson.JSON.createObjectNode();
    ArrayNode list = root.putArray("failed");
    all.values().forEach(f -> list.add(HistoryJson.toJson(f)));
    writeJson("failed.json", root);
  }

  private Option<JsonNode> readJson(String name) {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      return Option.none();
    }
    try {
      return Option.of(HistoryJson.JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private void writeJson(String name, JsonNode content) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(
          dir.resolve(name),
          HistoryJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + dir.resolve(name), e);
    }
  }
}
