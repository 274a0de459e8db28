package dev.gitops4j.api.fleet;

import java.time.Instant;
import java.util.Objects;

/** What a worker of a fleet did: claimed a sync, finished it, or found its lease lost. */
public sealed interface FleetEvent {

  /**
   * When it happened.
   *
   * @return the instant, by the coordination's clock
   */
  Instant at();

  /**
   * A worker leased a sync and starts reconciling it.
   *
   * @param at when the lease was granted
   * @param lease the new lease
   */
  record SyncClaimed(Instant at, Lease lease) implements FleetEvent {
    /**
     * Checks that no component is null.
     *
     * @param at when the lease was granted
     * @param lease the new lease
     */
    public SyncClaimed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(lease, "lease");
    }
  }

  /**
   * A worker finished a sync; the status says how.
   *
   * @param at when it finished
   * @param status the status it recorded
   */
  record SyncFinished(Instant at, SyncStatus status) implements FleetEvent {
    /**
     * Checks that no component is null.
     *
     * @param at when it finished
     * @param status the status it recorded
     */
    public SyncFinished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * A worker found that its lease had lapsed or passed to another worker; it wrote nothing more.
   *
   * @param at when the loss was found
   * @param lease the lease that no longer holds
   */
  record LeaseLost(Instant at, Lease lease) implements FleetEvent {
    /**
     * Checks that no component is null.
     *
     * @param at when the loss was found
     * @param lease the lease that no longer holds
     */
    public LeaseLost {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(lease, "lease");
    }
  }
}
