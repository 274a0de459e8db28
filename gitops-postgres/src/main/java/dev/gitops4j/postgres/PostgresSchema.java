package dev.gitops4j.postgres;

import dev.gitops4j.postgres.internal.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Objects;

/**
 * Creates and migrates the GitOps4J tables with versioned SQL scripts ({@code V1__fleet.sql}, ...)
 * kept in this module, recording each applied version in {@code gitops4j_schema}. Every worker
 * calls it at start; an advisory lock makes concurrent starts safe, and a database already migrated
 * by a newer GitOps4J is refused rather than written with an older layout.
 */
public final class PostgresSchema {
  /** The scripts, in order; version N is the N-th. */
  private static final String[] SCRIPTS = {"V1__fleet.sql", "V2__applied.sql"};

  private static final long LOCK_KEY = 0x6769746f707334L;

  private PostgresSchema() {}

  /**
   * The newest schema version this build knows.
   *
   * @return the number of the last migration script
   */
  public static int latestVersion() {
    return SCRIPTS.length;
  }

  /**
   * Brings the database to {@link #latestVersion()}; does nothing when it is there already.
   *
   * @return the version the database had before
   * @throws IllegalStateException if the database has a newer version than this build knows
   */
  static int migrate(Jdbc jdbc) {
    return jdbc.inTransaction(
        "migrating the GitOps4J schema",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            s.execute(
                "CREATE TABLE IF NOT EXISTS gitops4j_schema ("
                    + " version int PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rs =
                s.executeQuery("SELECT coalesce(max(version), 0) FROM gitops4j_schema")) {
              rs.next();
              current = rs.getInt(1);
            }
            if (current > SCRIPTS.length) {
              throw new IllegalStateException(
                  "the database holds GitOps4J schema version "
                      + current
                      + ", newer than this build knows ("
                      + SCRIPTS.length
                      + "): upgrade GitOps4J before pointing it at this database");
            }
            for (int v = current + 1; v <= SCRIPTS.length; v++) {
              s.execute(script(SCRIPTS[v - 1]));
              s.execute("INSERT INTO gitops4j_schema (version) VALUES (" + v + ")");
            }
            return current;
          }
        });
  }

  private static String script(String name) {
    try (InputStream in =
        Objects.requireNonNull(
            PostgresSchema.class.getResourceAsStream(name), "schema script " + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading schema script " + name, e);
    }
  }
}
