package dev.gitops4j.core.fleet;

import dev.gitops4j.api.fleet.Coordination;
import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.SyncStatus;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link Coordination}: leases kept in this JVM's memory, so a fleet inside one process
 * needs nothing else. Every method is atomic; time comes from the injected clock (the testkit's
 * {@code VirtualClock} in tests).
 */
public final class InProcessCoordination implements Coordination {
  private final Clock clock;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private long lastToken;

  private InProcessCoordination(Clock clock) {
    this.clock = clock;
  }

  /**
   * A coordination on the system clock (UTC).
   *
   * @return an empty coordination: no syncs registered, no leases
   */
  public static InProcessCoordination create() {
    return new InProcessCoordination(Clock.systemUTC());
  }

  /**
   * A coordination whose leases expire by {@code clock}.
   *
   * @param clock decides when leases expire and syncs fall due, such as a virtual clock in tests
   * @return an empty coordination
   */
  public static InProcessCoordination withClock(Clock clock) {
    return new InProcessCoordination(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public synchronized void register(Seq<String> syncs) {
    Instant now = clock.instant();
    syncs.forEach(name -> rows.computeIfAbsent(name, n -> new Row(now)));
  }

  @Override
  public synchronized Seq<Lease> claimDue(String worker, Seq<String> among, int max, Duration ttl) {
    requirePositive(ttl);
    Instant now = clock.instant();
    java.util.List<Map.Entry<String, Row>> due = new ArrayList<>();
    io.vavr.collection.Set<String> names = io.vavr.collection.HashSet.ofAll(among);
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      if (!names.contains(e.getKey())) {
        continue;
      }
      if (!r.due.isAfter(now) && (r.lease == null || !r.lease.expiresAt().isAfter(now))) {
        due.add(e);
      }
    }
    due.sort(
        Comparator.comparing((Map.Entry<String, Row> e) -> e.getValue().due)
            .thenComparing(Map.Entry::getKey));
    Vector<Lease> granted = Vector.empty();
    for (Map.Entry<String, Row> e : due.subList(0, Math.min(Math.max(max, 0), due.size()))) {
      Lease lease = new Lease(e.getKey(), worker, ++lastToken, now, now.plus(ttl));
      e.getValue().lease = lease;
      granted = granted.append(lease);
    }
    return granted;
  }

  @Override
  public synchronized Option<Lease> renew(Lease lease, Duration ttl) {
    requirePositive(ttl);
    if (!holds(lease)) {
      return Option.none();
    }
    Lease renewed =
        new Lease(
            lease.sync(),
            lease.worker(),
            lease.token(),
            lease.grantedAt(),
            clock.instant().plus(ttl));
    Row row = Objects.requireNonNull(rows.get(lease.sync()));
    row.lease = renewed;
    return Option.of(renewed);
  }

  @Override
  public synchronized boolean release(Lease lease, SyncStatus status, Duration dueIn) {
    if (!holds(lease)) {
      return false;
    }
    Row row = Objects.requireNonNull(rows.get(lease.sync()));
    row.lease = null;
    row.status = status;
    row.due = clock.instant().plus(dueIn);
    return true;
  }

  @Override
  public synchronized Seq<SyncStatus> statuses() {
    Vector<SyncStatus> out = Vector.empty();
    for (Row r : rows.values()) {
      if (r.status != null) {
        out = out.append(r.status);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean holds(Lease lease) {
    Row row = rows.get(lease.sync());
    return row != null
        && row.lease != null
        && row.lease.token() == lease.token()
        && row.lease.worker().equals(lease.worker())
        && row.lease.expiresAt().isAfter(clock.instant());
  }

  @Override
  public synchronized void trigger(String sync) {
    Row row = rows.get(sync);
    if (row != null) {
      row.due = clock.instant();
    }
  }

  private static void requirePositive(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive: " + ttl);
    }
  }

  @Override
  public String toString() {
    return "InProcessCoordination";
  }

  private static final class Row {
    Instant due;
    @Nullable Lease lease;
    @Nullable SyncStatus status;

    Row(Instant due) {
      this.due = due;
    }
  }
}
