package dev.gitops4j.api.fleet;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * How the workers of a fleet share syncs: each sync has a next due time and at most one live {@link
 * Lease}. A worker claims due syncs, renews the leases it still needs, and releases each with the
 * delay until it is due again. Leases expire by themselves, so the syncs of a worker that died or
 * stalled pass to the others once its leases lapse.
 *
 * <p>Implementations: the in-process default in core (one JVM, nothing else needed) and PostgreSQL
 * in {@code gitops-postgres} (several processes, {@code SELECT ... FOR UPDATE SKIP LOCKED}). Time
 * is the coordination's own (the injected clock, or the database's), never the caller's.
 */
public interface Coordination {

  /**
   * Makes these syncs known, due at once if they are new; syncs already known keep their due time
   * and lease. Idempotent, so every worker of a fleet may call it at start.
   *
   * @param syncs the names of the syncs
   */
  void register(Seq<String> syncs);

  /**
   * Leases up to {@code max} of the syncs named in {@code among} that are due and not leased (or
   * whose lease expired), oldest due first, each with a new fencing token and an expiry {@code ttl}
   * from now. A worker names the syncs it has a configuration for.
   *
   * @param worker the id of the claiming worker, recorded in each lease
   * @param among the syncs the worker may take; others are never leased to it
   * @param max the most leases to return
   * @param ttl how long each lease lasts unless renewed
   * @return the new leases, at most {@code max}; empty when nothing is due
   */
  Seq<Lease> claimDue(String worker, Seq<String> among, int max, Duration ttl);

  /**
   * Extends a lease by {@code ttl} from now if it still holds (same worker and token, not expired);
   * none if it was lost.
   *
   * @param lease the lease to extend
   * @param ttl the new lifetime, counted from now
   * @return the extended lease, or none if it no longer held
   */
  Option<Lease> renew(Lease lease, Duration ttl);

  /**
   * Records how the attempt under {@code lease} ended, ends the lease and makes its sync due again
   * {@code dueIn} from now, all at once. Returns false, changing nothing, if the lease no longer
   * held: a worker that lost its lease can never overwrite the status of the one that took over.
   *
   * @param lease the lease under which the attempt ran
   * @param status how the attempt ended
   * @param dueIn the delay, from now, until the sync is due again
   * @return true if recorded and released, false if the lease was lost
   */
  boolean release(Lease lease, SyncStatus status, Duration dueIn);

  /**
   * The latest recorded status of every sync that has finished an attempt, by sync name.
   *
   * @return one status per sync; syncs that never finished an attempt are absent
   */
  Seq<SyncStatus> statuses();

  /**
   * True while the lease is the sync's current lease and has not expired.
   *
   * @param lease the lease to check
   * @return whether it still holds
   */
  boolean holds(Lease lease);

  /**
   * Makes a sync due now (a webhook or a push said its source moved).
   *
   * @param sync the name of the sync
   */
  void trigger(String sync);
}
