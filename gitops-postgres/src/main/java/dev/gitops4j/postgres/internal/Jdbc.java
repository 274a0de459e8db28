package dev.gitops4j.postgres.internal;

import dev.gitops4j.api.time.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in transactions, retrying those that failed before they could commit because
 * the connection was lost or the server chose a victim (serialisation failure, deadlock). A unit
 * either commits whole or leaves nothing behind.
 */
public final class Jdbc {
  private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);
  private final DataSource dataSource;
  private final Scheduler scheduler;
  private final int attempts;
  private final Duration firstBackoff;
  private final Duration stuckTransactionTimeout;

  /** Work over one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work; throwing rolls it back. */
    T run(Connection connection) throws SQLException;
  }

  /**
   * A helper whose transactions the server ends when their client leaves them idle for longer than
   * {@code stuckTransactionTimeout}: a client paused (SIGSTOP, a long GC, a frozen VM) while it
   * holds row locks must not block every other worker for as long as it stays paused.
   */
  public Jdbc(
      DataSource dataSource,
      Scheduler scheduler,
      int attempts,
      Duration firstBackoff,
      Duration stuckTransactionTimeout) {
    this.dataSource = dataSource;
    this.scheduler = scheduler;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.stuckTransactionTimeout = stuckTransactionTimeout;
  }

  /** How this helper waits between retries; also the clock of lock waits. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The data source connections come from. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} in a transaction, retrying transient failures with exponential backoff.
   *
   * @throws DatabaseException when it still fails, or fails for a reason that is not transient
   */
  public <T> T inTransaction(String what, Work<T> work) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          try (var s = c.createStatement()) {
            s.execute(
                "SET LOCAL idle_in_transaction_session_timeout = "
                    + stuckTransactionTimeout.toMillis());
          }
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        if (!transient_(e) || attempt >= attempts) {
          throw new DatabaseException(what + ": " + describe(e), e);
        }
        LOG.warn(
            "{}: {} (attempt {} of {}), retrying in {}",
            what,
            describe(e),
            attempt,
            attempts,
            backoff);
        try {
          scheduler.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new DatabaseException(what + ": interrupted while retrying", e);
        }
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the server rolls the transaction back itself
    }
  }

  /** Connection failures (class 08), server shutdown (57P), serialisation failure, deadlock. */
  static boolean transient_(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("08")
            || state.startsWith("57P")
            || state.equals("40001")
            || state.equals("40P01"));
  }

  private static String describe(SQLException e) {
    return e.getMessage() + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
  }
}
