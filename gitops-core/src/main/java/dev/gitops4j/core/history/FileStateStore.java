package dev.gitops4j.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
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

/**
 * A {@link StateStore} in a directory: {@code inventory.json} (the owned ids), {@code
 * last-applied.json} (the last good revision), and {@code journal.jsonl} (one JSON line per
 * reconcile). Files are replaced atomically (temp file, fsync, rename) and the journal is appended
 * and synced, so a crash never leaves a half-written state.
 */
public final class FileStateStore implements StateStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  private FileStateStore(Path dir) {
    this.dir = dir;
  }

  /** A store in {@code dir}, created on first write. */
  public static FileStateStore at(Path dir) {
    return new FileStateStore(dir.toAbsolutePath().normalize());
  }

  /** The directory holding the state. */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized Inventory inventory() {
    return read("inventory.json")
        .map(
            n ->
                Inventory.of(
                    List.ofAll(n.path("ids")).flatMap(id -> ResourceId.parse(id.asText()))))
        .getOrElse(Inventory.EMPTY);
  }

  @Override
  public synchronized void saveInventory(Inventory inventory) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode ids = root.putArray("ids");
    inventory.ids().forEach(id -> ids.add(id.toString()));
    write("inventory.json", root);
  }

  @Override
  public synchronized Option<Revision> lastApplied() {
    return read("last-applied.json")
        .map(
            n ->
                new Revision(
                    n.path("commit").asText(),
                    n.path("ref").asText(),
                    Instant.parse(n.path("time").asText()),
                    n.path("summary").asText()));
  }

  @Override
  public synchronized void record(ReconcileResult result) {
    JournalEntry entry = Journal.entryOf(result);
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
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("journal.jsonl"),
          JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("writing journal in " + dir, e);
    }
    if (result.succeeded()) {
      Revision r = result.revision();
      ObjectNode rev = JSON.createObjectNode();
      rev.put("commit", r.commit()).put("ref", r.ref()).put("time", r.time().toString());
      rev.put("summary", r.summary());
      write("last-applied.json", rev);
    }
  }

  @Override
  public synchronized Seq<JournalEntry> journal() {
    Path file = dir.resolve("journal.jsonl");
    if (!Files.exists(file)) {
      return Vector.empty();
    }
    try {
      Vector<JournalEntry> out = Vector.empty();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        Seq<ReconcileResult.Applied> applied =
            List.ofAll(n.path("applied"))
                .map(
                    a ->
                        new ReconcileResult.Applied(
                            ResourceId.parse(a.path("id").asText()).get(),
                            Change.Action.valueOf(
                                a.path("action").asText().toUpperCase(Locale.ROOT))));
        out =
            out.append(
                new JournalEntry(
                    Instant.parse(n.path("at").asText()),
                    n.path("commit").asText(),
                    ReconcileResult.Status.valueOf(
                        n.path("status").asText().toUpperCase(Locale.ROOT)),
                    applied,
                    Option.of(n.get("failure")).map(JsonNode::asText)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading journal in " + dir, e);
    }
  }

  private Option<JsonNode> read(String name) {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      return Option.none();
    }
    try {
      return Option.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private void write(String name, JsonNode content) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(
          dir.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + dir.resolve(name), e);
    }
  }
}
