package dev.gitops4j.api.fleet;

import java.time.Instant;
import java.util.Objects;

/** What a worker of a fleet did: claimed a sync, finished it, or found its lease lost. */
public sealed interface FleetEvent {

  /** When it happened. */
  Instant at();

  /** A worker leased a sync and starts reconciling it. */
  record SyncClaimed(Instant at, Lease lease) implements FleetEvent {
    public SyncClaimed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(lease, "lease");
    }
  }

  /** A worker finished a sync; the status says how. */
  record SyncFinished(Instant at, SyncStatus status) implements FleetEvent {
    public SyncFinished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * A worker found that its lease had lapsed or passed to another worker; it wrote nothing more.
   */
  record LeaseLost(Instant at, Lease lease) implements FleetEvent {
    public LeaseLost {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(lease, "lease");
    }
  }
}
