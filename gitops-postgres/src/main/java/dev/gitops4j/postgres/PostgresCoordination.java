package dev.gitops4j.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gitops4j.api.fleet.Coordination;
import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.SyncStatus;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.postgres.internal.Jdbc;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Coordination} on PostgreSQL, for a fleet of workers in several processes or on several
 * machines. Leases live in {@code gitops4j_sync} with an expiry in the database's time and a
 * fencing token from a sequence; workers claim due syncs with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED}, so they never wait for each other nor claim the same sync. Releasing a lease records the
 * attempt in {@code gitops4j_attempt} in the same transaction. Transient database failures are
 * retried with backoff; a worker that stays cut off simply lets its leases lapse.
 *
 * <pre>{@code
 * PostgresCoordination pg = PostgresCoordination.connect("jdbc:postgresql://db/gitops?user=gitops");
 * Fleet worker = Fleet.builder().coordination(pg)
 *     .sync("tenant-a", Duration.ofMinutes(1), lease -> GitOps.builder()
 *         .repository(...).target(...).stateStore(pg.stateStore(lease)).build())
 *     .build();
 * }</pre>
 */
public final class PostgresCoordination implements Coordination, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Jdbc jdbc;

  private PostgresCoordination(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Connects with a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...&password=...}) through
   * a small connection pool (HikariCP, at most 8 connections) and migrates the schema. {@link
   * #close()} closes the pool.
   *
   * @param jdbcUrl where the database is, with its credentials
   * @return a coordination on a schema brought up to date
   */
  public static PostgresCoordination connect(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    config.setPoolName("gitops4j-postgres");
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      return builder().dataSource(pool).build();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Closes the data source if it is closeable (the pool made by {@link #connect(String)}). */
  @Override
  public void close() {
    if (jdbc.dataSource() instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the PostgreSQL data source", e);
      }
    }
  }

  /**
   * A builder for a data source of your own (a pool) and other retry settings.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A state store for {@code lease.sync()} whose every write checks the lease still holds.
   *
   * @param lease the lease this worker holds on the sync
   * @return a store that throws {@code LeaseLostException} instead of writing once the lease lapsed
   */
  public PostgresStateStore stateStore(Lease lease) {
    return new PostgresStateStore(jdbc, lease.sync(), Option.of(lease));
  }

  /**
   * A state store for one sync without fencing, for a single process that owns it alone.
   *
   * @param sync the sync's name
   * @return a store locked by a PostgreSQL advisory lock per sync
   */
  public PostgresStateStore stateStore(String sync) {
    return new PostgresStateStore(jdbc, sync, Option.none());
  }

  @Override
  public void register(Seq<String> syncs) {
    jdbc.inTransaction(
        "registering syncs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO gitops4j_sync (name, next_due) SELECT unnest(?::text[]), now()"
                      + " ON CONFLICT (name) DO NOTHING")) {
            ps.setArray(1, textArray(c, syncs));
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Seq<Lease> claimDue(String worker, Seq<String> among, int max, Duration ttl) {
    requirePositive(ttl);
    if (max <= 0 || among.isEmpty()) {
      return Vector.empty();
    }
    return jdbc.inTransaction(
        "claiming due syncs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "WITH due AS (SELECT name FROM gitops4j_sync"
                      + "  WHERE name = ANY(?::text[]) AND next_due <= now()"
                      + "    AND (lease_expires IS NULL OR lease_expires <= now())"
                      + "  ORDER BY next_due, name LIMIT ? FOR UPDATE SKIP LOCKED)"
                      + " UPDATE gitops4j_sync s SET lease_owner = ?,"
                      + "  lease_token = nextval('gitops4j_fencing_token'),"
                      + "  lease_granted = now(), lease_expires = now() + ? * interval '1 millisecond'"
                      + " FROM due WHERE s.name = due.name"
                      + " RETURNING s.name, s.lease_token, s.lease_granted, s.lease_expires")) {
            ps.setArray(1, textArray(c, among));
            ps.setInt(2, max);
            ps.setString(3, worker);
            ps.setLong(4, ttl.toMillis());
            Vector<Lease> out = Vector.empty();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out =
                    out.append(
                        new Lease(
                            rs.getString(1),
                            worker,
                            rs.getLong(2),
                            instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4))));
              }
            }
            return out.sortBy(Lease::token);
          }
        });
  }

  @Override
  public Option<Lease> renew(Lease lease, Duration ttl) {
    requirePositive(ttl);
    return jdbc.inTransaction(
        "renewing the lease on " + lease.sync(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE gitops4j_sync SET lease_expires = now() + ? * interval '1 millisecond'"
                      + " WHERE name = ? AND lease_owner = ? AND lease_token = ?"
                      + "   AND lease_expires > now() RETURNING lease_expires")) {
            ps.setLong(1, ttl.toMillis());
            ps.setString(2, lease.sync());
            ps.setString(3, lease.worker());
            ps.setLong(4, lease.token());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Option.of(
                      new Lease(
                          lease.sync(),
                          lease.worker(),
                          lease.token(),
                          lease.grantedAt(),
                          instant(rs.getTimestamp(1))))
                  : Option.<Lease>none();
            }
          }
        });
  }

  @Override
  public boolean release(Lease lease, SyncStatus status, Duration dueIn) {
    return jdbc.inTransaction(
        "releasing the lease on " + lease.sync(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE gitops4j_sync SET lease_owner = NULL, lease_expires = NULL,"
                      + "  status = ?::jsonb, next_due = now() + ? * interval '1 millisecond'"
                      + " WHERE name = ? AND lease_owner = ? AND lease_token = ?"
                      + "   AND lease_expires > now()")) {
            ps.setString(1, toJson(status));
            ps.setLong(2, dueIn.toMillis());
            ps.setString(3, lease.sync());
            ps.setString(4, lease.worker());
            ps.setLong(5, lease.token());
            if (ps.executeUpdate() != 1) {
              return false;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO gitops4j_attempt (sync, worker, token, started_at, finished_at,"
                      + " outcome, revision, error) VALUES (?, ?, ?, ?, now(), ?, ?, ?)")) {
            ps.setString(1, lease.sync());
            ps.setString(2, lease.worker());
            ps.setLong(3, lease.token());
            ps.setTimestamp(4, Timestamp.from(lease.grantedAt()));
            ps.setString(5, status.outcome().name());
            ps.setString(6, status.revision().getOrNull());
            ps.setString(7, status.lastError().getOrNull());
            ps.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Seq<SyncStatus> statuses() {
    return jdbc.inTransaction(
        "reading sync statuses",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT status::text FROM gitops4j_sync WHERE status IS NOT NULL ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            Vector<SyncStatus> out = Vector.empty();
            while (rs.next()) {
              out = out.append(fromJson(rs.getString(1)));
            }
            return out;
          }
        });
  }

  /**
   * Every finished attempt of every worker, oldest first: the fleet's audit trail.
   *
   * @return the attempts recorded by {@code release}
   */
  public Seq<Attempt> attempts() {
    return jdbc.inTransaction(
        "reading attempts",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT sync, worker, token, started_at, finished_at, outcome"
                          + " FROM gitops4j_attempt ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            Vector<Attempt> out = Vector.empty();
            while (rs.next()) {
              out =
                  out.append(
                      new Attempt(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getLong(3),
                          instant(rs.getTimestamp(4)),
                          instant(rs.getTimestamp(5)),
                          SyncStatus.Outcome.valueOf(rs.getString(6))));
            }
            return out;
          }
        });
  }

  @Override
  public boolean holds(Lease lease) {
    return jdbc.inTransaction(
        "checking the lease on " + lease.sync(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT 1 FROM gitops4j_sync WHERE name = ? AND lease_owner = ?"
                      + " AND lease_token = ? AND lease_expires > now()")) {
            ps.setString(1, lease.sync());
            ps.setString(2, lease.worker());
            ps.setLong(3, lease.token());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  @Override
  public void trigger(String sync) {
    jdbc.inTransaction(
        "triggering " + sync,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE gitops4j_sync SET next_due = now() WHERE name = ?")) {
            ps.setString(1, sync);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "PostgresCoordination";
  }

  /**
   * One finished attempt: which worker ran which sync under which fencing token, and when.
   *
   * @param sync the sync
   * @param worker the worker
   * @param token the fencing token of its lease
   * @param startedAt when the lease was granted
   * @param finishedAt when the attempt was recorded
   * @param outcome how it ended
   */
  public record Attempt(
      String sync,
      String worker,
      long token,
      Instant startedAt,
      Instant finishedAt,
      SyncStatus.Outcome outcome) {}

  private static Array textArray(Connection c, Seq<String> values) throws SQLException {
    return c.createArrayOf("text", values.toJavaArray(String[]::new));
  }

  static Instant instant(Timestamp ts) {
    return ts.toInstant();
  }

  private static void requirePositive(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive: " + ttl);
    }
  }

  private static String toJson(SyncStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("sync", s.sync());
    n.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
    s.revision().forEach(r -> n.put("revision", r));
    s.lastError().forEach(e -> n.put("lastError", e));
    n.put("at", s.at().toString());
    n.put("worker", s.worker());
    n.put("token", s.token());
    return n.toString();
  }

  private static SyncStatus fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new SyncStatus(
          n.path("sync").asText(),
          SyncStatus.Outcome.valueOf(n.path("outcome").asText().toUpperCase(Locale.ROOT)),
          Option.of(n.get("revision")).map(JsonNode::asText),
          Option.of(n.get("lastError")).map(JsonNode::asText),
          Instant.parse(n.path("at").asText()),
          n.path("worker").asText(),
          n.path("token").asLong());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a sync status", e);
    }
  }

  /** Configures a {@link PostgresCoordination}; migrates the schema at {@link #build()}. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private Scheduler scheduler = Scheduler.system();
    private int attempts = 5;
    private Duration firstBackoff = Duration.ofMillis(200);
    private Duration stuckTransactionTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * Where connections come from (required): a pool, or a simple data source.
     *
     * @param value the data source; closed by {@link PostgresCoordination#close()} if closeable
     * @return this builder
     */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /**
     * How retries wait (default: real sleeping).
     *
     * @param value the scheduler whose clock and sleep the retries use
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * How many times a unit of work is tried when the connection drops (default 5), and the first
     * backoff, doubled after each failure (default 200 ms).
     *
     * @param attempts how many times a unit of work is tried, at least 1
     * @param firstBackoff the wait before the second try
     * @return this builder
     */
    public Builder retries(int attempts, Duration firstBackoff) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
      }
      this.attempts = attempts;
      this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
      return this;
    }

    /**
     * How long the server lets a transaction of ours sit idle before it ends the session (default 5
     * s; PostgreSQL's {@code idle_in_transaction_session_timeout}). Our transactions never wait on
     * anything but the database, so only a paused or hung worker reaches it; without it, such a
     * worker would keep its row locks and no other worker could take its syncs over.
     *
     * @param value the longest idle time inside a transaction, at least 1 ms
     * @return this builder
     */
    public Builder stuckTransactionTimeout(Duration value) {
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException(
            "stuckTransactionTimeout must be at least 1 ms: " + value);
      }
      this.stuckTransactionTimeout = value;
      return this;
    }

    /**
     * Checks the database and brings its schema up to date.
     *
     * @return a coordination on that database
     * @throws IllegalStateException if no data source was set, or the schema is newer than this
     *     build
     */
    public PostgresCoordination build() {
      if (dataSource == null) {
        throw new IllegalStateException("PostgresCoordination.builder() needs a dataSource(...)");
      }
      Jdbc jdbc = new Jdbc(dataSource, scheduler, attempts, firstBackoff, stuckTransactionTimeout);
      PostgresSchema.migrate(jdbc);
      return new PostgresCoordination(jdbc);
    }
  }
}
