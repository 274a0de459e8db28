package dev.gitops4j.api.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * The right of one worker to reconcile one sync until {@code expiresAt}. The fencing token grows
 * with every lease granted by a {@link Coordination}, so a write made under an older lease can
 * always be told apart from one made under the current lease and refused.
 *
 * @param sync the sync's name
 * @param worker the worker holding the lease
 * @param token the fencing token: strictly greater than every token granted before
 * @param grantedAt when the lease was granted (the start of the worker's attempt)
 * @param expiresAt when the lease lapses unless renewed
 */
public record Lease(String sync, String worker, long token, Instant grantedAt, Instant expiresAt) {
  /**
   * Checks that no component is null.
   *
   * @param sync the sync's name
   * @param worker the worker holding the lease
   * @param token the fencing token: strictly greater than every token granted before
   * @param grantedAt when the lease was granted (the start of the worker's attempt)
   * @param expiresAt when the lease lapses unless renewed
   */
  public Lease {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
