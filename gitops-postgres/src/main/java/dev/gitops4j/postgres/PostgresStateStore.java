package dev.gitops4j.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.LeaseLostException;
import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.history.HistoryStore;
import dev.gitops4j.api.history.JournalEntry;
import dev.gitops4j.api.history.StateBusyException;
import dev.gitops4j.api.history.StateLock;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.LastApplied;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.history.HistoryJson;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.postgres.internal.Jdbc;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * A {@link StateStore} and {@link HistoryStore} for one sync in PostgreSQL tables: the inventory
 * and the last applied revision in {@code gitops4j_state}, the journal in {@code gitops4j_journal},
 * the document last applied per resource (for three-way plans, secrets redacted) in {@code
 * gitops4j_applied}, each write its own transaction. A store made for a {@link Lease} ({@link
 * PostgresCoordination#stateStore(Lease)}) checks in that same transaction, with the sync's row
 * locked, that the lease still holds; when it does not, nothing is written and {@link
 * LeaseLostException} is thrown, so a worker that was paused or cut off past its lease can never
 * overwrite the worker that took over.
 */
public final class PostgresStateStore implements StateStore, HistoryStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int JOURNAL_KEEP = 1000;
  private static final int HISTORY_KEEP = 100;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Jdbc jdbc;
  private final String sync;
  private final Option<Lease> lease;

  /** A last-applied document as read, with the version of its row. */
  private record Applied(long version, Option<Node.Obj> document) {}

  /** The documents of the last bulk read, by resource id text; replaced whole by the next. */
  private java.util.Map<String, Applied> applied = java.util.Map.of();

  PostgresStateStore(Jdbc jdbc, String sync, Option<Lease> lease) {
    this.jdbc = jdbc;
    this.sync = sync;
    this.lease = lease;
  }

  /**
   * The sync whose state this is.
   *
   * @return the sync's name
   */
  public String sync() {
    return sync;
  }

  @Override
  public Inventory inventory() {
    return readInventory().getOrElse(Inventory.EMPTY);
  }

  @Override
  public boolean inventoryIntact() {
    return readInventory().isDefined();
  }

  private Option<Inventory> readInventory() {
    return readDocument("inventory")
        .filter(n -> n.path("ids").isArray())
        .map(n -> new Inventory(ids(n.path("ids")), ids(n.path("pending"))));
  }

  private static io.vavr.collection.SortedSet<ResourceId> ids(JsonNode array) {
    return io.vavr.collection.TreeSet.ofAll(
        List.ofAll(array).flatMap(id -> ResourceId.parse(id.asText())));
  }

  @Override
  public void saveInventory(Inventory inventory) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode ids = root.putArray("ids");
    inventory.ids().forEach(id -> ids.add(id.toString()));
    ArrayNode pending = root.putArray("pending");
    inventory.pending().forEach(id -> pending.add(id.toString()));
    jdbc.inTransaction(
        "saving the inventory of " + sync,
        c -> {
          fence(c);
          upsert(c, "inventory", root);
          return Boolean.TRUE;
        });
  }

  @Override
  public Option<Revision> lastApplied() {
    return readDocument("last-applied")
        .map(
            n ->
                new Revision(
                    n.path("commit").asText(),
                    n.path("ref").asText(),
                    Instant.parse(n.path("time").asText()),
                    n.path("summary").asText()));
  }

  @Override
  public void record(ReconcileResult result) {
    Instant end = result.startedAt().plus(result.duration());
    ObjectNode line = JSON.createObjectNode();
    line.put("at", end.toString());
    line.put("commit", result.revision().commit());
    line.put("status", result.status().name().toLowerCase(Locale.ROOT));
    ArrayNode applied = line.putArray("applied");
    for (ReconcileResult.Applied a : result.applied()) {
      applied.addObject().put("id", a.id().toString()).put("action", a.action().jsonName());
    }
    result.failure().forEach(f -> line.put("failure", f.message()));
    jdbc.inTransaction(
        "recording a reconcile of " + sync,
        c -> {
          fence(c);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO gitops4j_journal (sync, token, entry) VALUES (?, ?, ?::jsonb)")) {
            ps.setString(1, sync);
            setToken(ps, 2);
            ps.setString(3, line.toString());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM gitops4j_journal WHERE sync = ? AND id <= (SELECT id FROM"
                      + " gitops4j_journal WHERE sync = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
            ps.setString(1, sync);
            ps.setString(2, sync);
            ps.setInt(3, JOURNAL_KEEP);
            ps.executeUpdate();
          }
          if (result.succeeded()) {
            Revision r = result.revision();
            ObjectNode rev = JSON.createObjectNode();
            rev.put("commit", r.commit()).put("ref", r.ref()).put("time", r.time().toString());
            rev.put("summary", r.summary());
            upsert(c, "last-applied", rev);
          }
          return Boolean.TRUE;
        });
  }

  @Override
  public Seq<JournalEntry> journal() {
    Seq<String> lines =
        jdbc.inTransaction(
            "reading the journal of " + sync,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT entry::text FROM gitops4j_journal WHERE sync = ? ORDER BY id")) {
                ps.setString(1, sync);
                Vector<String> out = Vector.empty();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out = out.append(rs.getString(1));
                  }
                }
                return out;
              }
            });
    return lines.map(PostgresStateStore::entry);
  }

  private static JournalEntry entry(String json) {
    JsonNode n = parse(json);
    Seq<ReconcileResult.Applied> applied =
        Vector.ofAll(n.path("applied"))
            .map(
                a ->
                    new ReconcileResult.Applied(
                        ResourceId.parse(a.path("id").asText()).get(),
                        Change.Action.valueOf(a.path("action").asText().toUpperCase(Locale.ROOT))));
    return new JournalEntry(
        Instant.parse(n.path("at").asText()),
        n.path("commit").asText(),
        ReconcileResult.Status.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)),
        applied,
        Option.of(n.get("failure")).map(JsonNode::asText));
  }

  @Override
  public byte[] fingerprintKey() {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    ObjectNode candidate = JSON.createObjectNode();
    candidate.put("key", Base64.getEncoder().encodeToString(fresh));
    String stored =
        jdbc.inTransaction(
            "reading the fingerprint key of " + sync,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO gitops4j_state (sync, key, value) VALUES (?, 'fingerprint-key',"
                          + " ?::jsonb) ON CONFLICT (sync, key) DO NOTHING")) {
                ps.setString(1, sync);
                ps.setString(2, candidate.toString());
                ps.executeUpdate();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT value->>'key' FROM gitops4j_state WHERE sync = ?"
                          + " AND key = 'fingerprint-key'")) {
                ps.setString(1, sync);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getString(1);
                }
              }
            });
    return Base64.getDecoder().decode(stored);
  }

  /**
   * Without a lease, takes a PostgreSQL advisory lock for this sync on a connection held until the
   * lock is closed, polling every 100 ms for up to {@code timeout}; a lock whose holder died is
   * released by the server with its session. With a lease, the lease is the lock: the coordination
   * grants it to one worker at a time and every write is fenced by it. A session lock would let a
   * paused worker block the one that took its lapsed lease for as long as the paused process lives,
   * so this only checks that the lease still holds.
   *
   * @throws LeaseLostException with a lease that no longer holds
   */
  @Override
  public StateLock lock(Duration timeout) {
    if (lease.isDefined()) {
      jdbc.inTransaction(
          "checking the lease of " + sync,
          c -> {
            fence(c);
            return Boolean.TRUE;
          });
      return () -> {};
    }
    Connection c;
    try {
      c = jdbc.dataSource().getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("locking the state of " + sync + ": " + e.getMessage(), e);
    }
    try {
      Instant deadline = jdbc.scheduler().now().plus(timeout);
      while (true) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 7406116741))")) {
          ps.setString(1, "gitops4j:" + sync);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
              return new AdvisoryLock(c, sync);
            }
          }
        }
        if (!jdbc.scheduler().now().isBefore(deadline)) {
          String holder = holder(c);
          c.close();
          throw new StateBusyException("busy: the state of sync " + sync + " is held by " + holder);
        }
        jdbc.scheduler().sleep(Duration.ofMillis(100));
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IllegalStateException("locking the state of " + sync + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      closeQuietly(c);
      Thread.currentThread().interrupt();
      throw new StateBusyException("interrupted while waiting for the state of sync " + sync);
    }
  }

  private String holder(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.pid, coalesce(host(a.client_addr), 'a local socket'), a.backend_start"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint)"
                + "   = hashtextextended(?, 7406116741)"
                + " LIMIT 1")) {
      ps.setString(1, "gitops4j:" + sync);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? "PostgreSQL backend PID "
                + rs.getInt(1)
                + " on "
                + rs.getString(2)
                + " since "
                + rs.getTimestamp(3).toInstant()
            : "another session";
      }
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken
    }
  }

  /** The advisory lock of one sync, held by its connection. */
  private static final class AdvisoryLock implements StateLock {
    private final Connection connection;
    private final String sync;
    private boolean closed;

    AdvisoryLock(Connection connection, String sync) {
      this.connection = connection;
      this.sync = sync;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT pg_advisory_unlock(hashtextextended(?, 7406116741))")) {
        ps.setString(1, "gitops4j:" + sync);
        ps.execute();
      } catch (SQLException e) {
        // the session ends below, which releases the lock anyway
      } finally {
        closeQuietly(connection);
      }
    }
  }

  @Override
  public void record(HistoryRecord record) {
    updateHistory(
        h -> {
          Vector<HistoryRecord> records = records(h).append(record);
          if (records.size() > HISTORY_KEEP) {
            Vector<HistoryRecord> tail = records.drop(records.size() - HISTORY_KEEP);
            Option<HistoryRecord> good =
                tail.exists(r -> r.outcome().isGood())
                    ? Option.none()
                    : records
                        .take(records.size() - HISTORY_KEEP)
                        .findLast(r -> r.outcome().isGood());
            records = good.map(tail::prepend).getOrElse(tail);
          }
          ArrayNode out = h.putArray("records");
          records.forEach(r -> out.add(HistoryJson.toJson(r)));
          return Boolean.TRUE;
        });
  }

  @Override
  public Seq<HistoryRecord> records() {
    return records(history());
  }

  @Override
  public void markFailed(FailedRevision mark) {
    updateHistory(
        h -> {
          ArrayNode failed = h.putArray("failed");
          failedRevisions(h)
              .filter(f -> !f.commit().equals(mark.commit()))
              .append(mark)
              .forEach(f -> failed.add(HistoryJson.toJson(f)));
          return Boolean.TRUE;
        });
  }

  @Override
  public Option<FailedRevision> failed(String commit) {
    return failedRevisions().find(f -> f.commit().equals(commit));
  }

  @Override
  public Seq<FailedRevision> failedRevisions() {
    return failedRevisions(history());
  }

  @Override
  public boolean clearFailed(String commit) {
    return updateHistory(
        h -> {
          Vector<FailedRevision> before = failedRevisions(h);
          ArrayNode failed = h.putArray("failed");
          before
              .filter(f -> !f.commit().equals(commit))
              .forEach(f -> failed.add(HistoryJson.toJson(f)));
          return before.exists(f -> f.commit().equals(commit));
        });
  }

  @Override
  public Option<String> suspended() {
    return Option.of(history().get("suspended")).map(JsonNode::asText);
  }

  @Override
  public void suspend(String reason) {
    updateHistory(
        h -> {
          h.put("suspended", reason);
          return Boolean.TRUE;
        });
  }

  @Override
  public boolean resume() {
    return updateHistory(h -> h.remove("suspended") != null);
  }

  private ObjectNode history() {
    return readDocument("history")
        .filter(JsonNode::isObject)
        .map(n -> (ObjectNode) n)
        .getOrElse(JSON::createObjectNode);
  }

  private static Vector<HistoryRecord> records(ObjectNode h) {
    return Vector.ofAll(h.path("records")).map(HistoryJson::record);
  }

  private static Vector<FailedRevision> failedRevisions(ObjectNode h) {
    return Vector.ofAll(h.path("failed"))
        .map(
            n ->
                new FailedRevision(
                    n.path("commit").asText(),
                    Instant.parse(n.path("at").asText()),
                    n.path("reason").asText(),
                    n.path("pinnedAt").asText()));
  }

  /** Reads, changes and writes the history document under the sync's row lock (and the lease). */
  private boolean updateHistory(java.util.function.Function<ObjectNode, Boolean> change) {
    return jdbc.inTransaction(
        "updating the history of " + sync,
        c -> {
          fence(c);
          ObjectNode h = JSON.createObjectNode();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT value::text FROM gitops4j_state WHERE sync = ? AND key = 'history'"
                      + " FOR UPDATE")) {
            ps.setString(1, sync);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next() && parse(rs.getString(1)) instanceof ObjectNode stored) {
                h = stored;
              }
            }
          }
          boolean result = change.apply(h);
          upsert(c, "history", h);
          return result;
        });
  }

  /** With a lease: locks the sync's row and fails the transaction unless the lease still holds. */
  private void fence(Connection c) throws SQLException {
    if (lease.isEmpty()) {
      return;
    }
    Lease l = lease.get();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM gitops4j_sync WHERE name = ? AND lease_owner = ? AND lease_token = ?"
                + " AND lease_expires > now() FOR UPDATE")) {
      ps.setString(1, l.sync());
      ps.setString(2, l.worker());
      ps.setLong(3, l.token());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new LeaseLostException(l);
        }
      }
    }
  }

  private void setToken(PreparedStatement ps, int index) throws SQLException {
    if (lease.isDefined()) {
      ps.setLong(index, lease.get().token());
    } else {
      ps.setNull(index, java.sql.Types.BIGINT);
    }
  }

  private void upsert(Connection c, String key, JsonNode value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO gitops4j_state (sync, key, value, token) VALUES (?, ?, ?::jsonb, ?)"
                + " ON CONFLICT (sync, key) DO UPDATE SET value = EXCLUDED.value,"
                + " token = EXCLUDED.token")) {
      ps.setString(1, sync);
      ps.setString(2, key);
      ps.setString(3, value.toString());
      setToken(ps, 4);
      ps.executeUpdate();
    }
  }

  private Option<JsonNode> readDocument(String key) {
    return firstText(
            "reading " + key + " of " + sync,
            "SELECT value::text FROM gitops4j_state WHERE sync = ? AND key = ?",
            key)
        .map(PostgresStateStore::parse);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable state document in PostgreSQL", e);
    }
  }

  /**
   * The last-applied document of {@code id}, one query. Plans read them in bulk through {@link
   * #lastAppliedDocuments()}.
   *
   * @param id the resource
   * @return the document as last applied (secrets redacted), or none
   */
  @Override
  public Option<Node.Obj> lastAppliedDocument(ResourceId id) {
    return firstText(
            "reading the last-applied document of " + id + " in " + sync,
            "SELECT document FROM gitops4j_applied WHERE sync = ? AND resource = ?",
            id.toString())
        .flatMap(PostgresStateStore::document);
  }

  /** The first column of the first row of {@code sql}, given this sync and {@code key}. */
  private Option<String> firstText(String what, String sql, String key) {
    return jdbc.inTransaction(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sync);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Option.of(rs.getString(1)) : Option.<String>none();
            }
          }
        });
  }

  /**
   * Every last-applied document of this sync as of now, in two queries: the version of every row,
   * then the documents of the rows that changed since this store's last bulk read (a new store
   * reads them all). Rows another worker wrote or deleted meanwhile are seen, since each write
   * takes a new version from one sequence.
   *
   * @return the documents as of this call; later writes do not change it
   */
  @Override
  public synchronized LastApplied lastAppliedDocuments() {
    java.util.Map<String, Applied> before = applied;
    java.util.Map<String, Applied> now =
        jdbc.inTransaction(
            "reading the last-applied documents of " + sync,
            c -> {
              java.util.Map<String, Applied> out = new java.util.HashMap<>();
              java.util.List<String> stale = new java.util.ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT resource, version FROM gitops4j_applied WHERE sync = ?")) {
                ps.setString(1, sync);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    String resource = rs.getString(1);
                    Applied known = before.get(resource);
                    if (known != null && known.version() == rs.getLong(2)) {
                      out.put(resource, known);
                    } else {
                      stale.add(resource);
                    }
                  }
                }
              }
              if (!stale.isEmpty()) {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT resource, version, document FROM gitops4j_applied"
                            + " WHERE sync = ? AND resource = ANY (?)")) {
                  ps.setString(1, sync);
                  ps.setArray(2, c.createArrayOf("text", stale.toArray()));
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.put(
                          rs.getString(1), new Applied(rs.getLong(2), document(rs.getString(3))));
                    }
                  }
                }
              }
              return out;
            });
    applied = now;
    return id -> {
      Applied a = now.get(id.toString());
      return a == null ? Option.none() : a.document();
    };
  }

  /**
   * Records (as JSON, secret values redacted) or forgets the last-applied document of {@code id},
   * fenced by the lease like every write.
   *
   * @param id the resource
   * @param document the document as Git declared it, or none to forget it
   * @throws LeaseLostException with a lease that no longer holds
   */
  @Override
  public void saveLastApplied(ResourceId id, Option<Node.Obj> document) {
    Option<String> json = document.map(Documents::toJson);
    jdbc.inTransaction(
        "saving the last-applied document of " + id + " in " + sync,
        c -> {
          fence(c);
          if (json.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "DELETE FROM gitops4j_applied WHERE sync = ? AND resource = ?")) {
              ps.setString(1, sync);
              ps.setString(2, id.toString());
              ps.executeUpdate();
            }
            return Boolean.TRUE;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO gitops4j_applied (sync, resource, version, document, token)"
                      + " VALUES (?, ?, nextval('gitops4j_applied_version'), ?, ?)"
                      + " ON CONFLICT (sync, resource) DO UPDATE SET version = EXCLUDED.version,"
                      + " document = EXCLUDED.document, token = EXCLUDED.token")) {
            ps.setString(1, sync);
            ps.setString(2, id.toString());
            ps.setString(3, json.get());
            setToken(ps, 4);
            ps.executeUpdate();
          }
          return Boolean.TRUE;
        });
  }

  /** A stored document; none (so nothing is removed as "removed from Git") if it is unreadable. */
  private static Option<Node.Obj> document(String json) {
    return Documents.parse("last-applied document", json)
        .toOption()
        .flatMap(Seq::headOption)
        .flatMap(n -> n instanceof Node.Obj o ? Option.of(o) : Option.none());
  }

  @Override
  public String toString() {
    return "PostgresStateStore["
        + sync
        + lease.map(l -> ", token " + l.token()).getOrElse("")
        + "]";
  }
}
