package dev.gitops4j.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.internal.AtomicFiles;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code journal.jsonl}: one JSON line per reconcile, appended with {@code SYNC}, created {@code
 * 0600}. Bounded: once it holds a quarter more lines than its limit, it is rewritten atomically
 * with the newest {@code limit} lines. A torn last line (a crash mid-append) is skipped on read.
 */
final class JournalFile {
  private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final int limit;
  private int lines = -1;

  JournalFile(Path dir, int limit) {
    this.file = dir.resolve("journal.jsonl");
    this.limit = limit;
  }

  void append(JournalEntry entry) {
    ObjectNode line = JSON.createObjectNode();
    line.put("at", entry.at().toString());
    line.put("commit", entry.commit());
    line.put("status", entry.status().name().toLowerCase(Locale.ROOT));
    ArrayNode applied = line.putArray("applied");
    for (ReconcileResult.Applied a : entry.applied()) {
      applied.addObject().put("id", a.id().toString()).put("action", a.action().jsonName());
    }
    entry.failure().forEach(f -> line.put("failure", f));
    try {
      if (lines < 0) {
        lines = Files.exists(file) ? rawLines().size() : 0;
      }
      try (var channel =
          Files.newByteChannel(
              file,
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.SYNC),
              AtomicFiles.OWNER_ONLY)) {
        var buf =
            java.nio.ByteBuffer.wrap(
                (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      }
      lines++;
      if (lines > limit + Math.max(1, limit / 4)) {
        java.util.List<String> all = rawLines();
        java.util.List<String> kept = all.subList(Math.max(0, all.size() - limit), all.size());
        AtomicFiles.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        lines = kept.size();
        LOG.debug("journal {} trimmed to its newest {} entries", file, kept.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the journal " + file, e);
    }
  }

  private java.util.List<String> rawLines() throws IOException {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  Seq<JournalEntry> read() {
    if (!Files.exists(file)) {
      return Vector.empty();
    }
    try {
      Vector<JournalEntry> out = Vector.empty();
      for (String line : rawLines()) {
        Option<JournalEntry> entry = parse(line);
        if (entry.isEmpty()) {
          LOG.warn("skipping an unreadable line of {}", file);
        }
        out = out.appendAll(entry);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the journal " + file, e);
    }
  }

  private static Option<JournalEntry> parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      Seq<ReconcileResult.Applied> applied =
          List.ofAll(n.path("applied"))
              .map(
                  a ->
                      new ReconcileResult.Applied(
                          ResourceId.parse(a.path("id").asText()).get(),
                          Change.Action.valueOf(
                              a.path("action").asText().toUpperCase(Locale.ROOT))));
      return Option.of(
          new JournalEntry(
              Instant.parse(n.path("at").asText()),
              n.path("commit").asText(),
              ReconcileResult.Status.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)),
              applied,
              Option.of(n.get("failure")).map(JsonNode::asText)));
    } catch (IOException | RuntimeException e) {
      return Option.none();
    }
  }
}
