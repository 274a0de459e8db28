package dev.gitops4j.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.history.StateLock;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.internal.AtomicFiles;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} in a directory (created {@code 0700}, every file {@code 0600}):
 *
 * <ul>
 *   <li>{@code inventory.json}: owned and pending ids. Missing, empty, truncated or malformed, it
 *       counts as lost ({@link #inventoryIntact()} is false) and the reconciler rebuilds ownership
 *       from the marks on the target.
 *   <li>{@code last-applied.json}: the last good revision.
 *   <li>{@code journal.jsonl}: one JSON line per reconcile, appended and synced; only the newest
 *       {@link #withJournalLimit journal limit} entries are kept.
 *   <li>{@code applied/}: the document last applied per resource, secrets redacted, for three-way
 *       planning. Parsed once and kept while the file is unchanged (same size, times, inode).
 *   <li>{@code fingerprint.key}: the secret key of plan fingerprints, made on first use.
 *   <li>{@code lock}: the lock of a reconcile, holding {@code PID HOST SINCE} while held.
 * </ul>
 *
 * <p>Files are replaced atomically (temp file, fsync, rename), so a crash never leaves a
 * half-written state; temp files a crash left behind are removed when the lock is taken.
 */
public final class FileStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INVENTORY = "inventory.json";
  private static final String KEY = "fingerprint.key";

  private final Path dir;
  private final JournalFile journal;
  private final AppliedDocuments applied;

  private FileStateStore(Path dir, int journalLimit) {
    this.dir = dir;
    this.journal = new JournalFile(dir, journalLimit);
    this.applied = new AppliedDocuments(dir);
  }

  /**
   * A store in {@code dir}, created on first write, keeping the newest 1,000 journal entries.
   *
   * @param dir the state directory, made absolute; use one per target, never shared between targets
   * @return a store on that directory
   */
  public static FileStateStore at(Path dir) {
    return new FileStateStore(dir.toAbsolutePath().normalize(), 1000);
  }

  /**
   * The same store keeping only the newest {@code entries} journal entries (at least 1).
   *
   * @param entries how many journal entries to keep; older ones are dropped as new ones are
   *     appended
   * @return a store on the same directory with that limit
   * @throws IllegalArgumentException if {@code entries} is less than 1
   */
  public FileStateStore withJournalLimit(int entries) {
    if (entries < 1) {
      throw new IllegalArgumentException("the journal limit must be at least 1, not " + entries);
    }
    return new FileStateStore(dir, entries);
  }

  /**
   * The directory holding the state.
   *
   * @return the absolute, normalized state directory
   */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized Inventory inventory() {
    return readInventory().getOrElse(Inventory.EMPTY);
  }

  @Override
  public synchronized boolean inventoryIntact() {
    return readInventory().isDefined();
  }

  private Option<Inventory> readInventory() {
    Path file = dir.resolve(INVENTORY);
    if (!Files.exists(file)) {
      return Option.none();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !n.path("ids").isArray()) {
        throw new IOException("no \"ids\" array");
      }
      return Option.of(new Inventory(ids(n.path("ids")), ids(n.path("pending"))));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "{} is unreadable ({}); ownership will be rebuilt from the marks on the target",
          file,
          e.getClass().getSimpleName());
      return Option.none();
    }
  }

  private static SortedSet<ResourceId> ids(JsonNode array) {
    TreeSet<ResourceId> out = TreeSet.empty();
    for (JsonNode id : array) {
      Option<ResourceId> parsed = id.isTextual() ? ResourceId.parse(id.asText()) : Option.none();
      if (parsed.isEmpty()) {
        throw new IllegalArgumentException("not a resource id");
      }
      out = out.add(parsed.get());
    }
    return out;
  }

  @Override
  public synchronized void saveInventory(Inventory inventory) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode ids = root.putArray("ids");
    inventory.ids().forEach(id -> ids.add(id.toString()));
    ArrayNode pending = root.putArray("pending");
    inventory.pending().forEach(id -> pending.add(id.toString()));
    write(INVENTORY, root);
  }

  @Override
  public synchronized Option<Revision> lastApplied() {
    Path file = dir.resolve("last-applied.json");
    if (!Files.exists(file)) {
      return Option.none();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return Option.of(
          new Revision(
              n.path("commit").asText(),
              n.path("ref").asText(),
              java.time.Instant.parse(n.path("time").asText()),
              n.path("summary").asText()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} is unreadable ({}); no last good revision", file, e.getClass().getSimpleName());
      return Option.none();
    }
  }

  @Override
  public synchronized void record(ReconcileResult result) {
    ensureDir();
    journal.append(Journal.entryOf(result));
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
    return journal.read();
  }

  @Override
  public synchronized byte[] fingerprintKey() {
    Path file = dir.resolve(KEY);
    try {
      if (!Files.exists(file)) {
        ensureDir();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(dir, "." + KEY, ".tmp");
        try {
          Files.write(tmp, Base64.getEncoder().encode(key));
          try {
            Files.createLink(file, tmp);
          } catch (java.nio.file.FileAlreadyExistsException raced) {
            LOG.debug("another process made {} first", file);
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
      if (key.length < 32) {
        throw new IOException("a fingerprint key needs 32 bytes");
      }
      return key;
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          "reading " + file, e instanceof IOException io ? io : new IOException(e.getMessage()));
    }
  }

  @Override
  public StateLock lock(Duration timeout) {
    ensureDir();
    StateLock lock = FileLocks.acquire(dir.resolve("lock"), timeout, "the state " + dir);
    removeLeftovers();
    return lock;
  }

  private void removeLeftovers() {
    removeLeftovers(dir);
    Path appliedDir = dir.resolve(AppliedDocuments.DIR);
    if (Files.isDirectory(appliedDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      removeLeftovers(appliedDir);
    }
  }

  private static void removeLeftovers(Path in) {
    try (var files = Files.list(in)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
          LOG.info("removed {} left by an interrupted run", p);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot clean {}: {}", in, e.toString());
    }
  }

  private void ensureDir() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        try {
          Files.createDirectory(dir, AtomicFiles.OWNER_ONLY_DIR);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          LOG.debug("{} was made concurrently", dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + dir, e);
    }
  }

  private void write(String name, JsonNode content) {
    ensureDir();
    try {
      AtomicFiles.write(
          dir.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + dir.resolve(name), e);
    }
  }

  @Override
  public String toString() {
    return "FileStateStore[" + dir + "]";
  }

  @Override
  public synchronized Option<Node.Obj> lastAppliedDocument(ResourceId id) {
    return applied.get(id);
  }

  @Override
  public synchronized void saveLastApplied(ResourceId id, Option<Node.Obj> document) {
    if (document.isDefined()) {
      ensureDir();
    }
    applied.save(id, document);
  }
}
