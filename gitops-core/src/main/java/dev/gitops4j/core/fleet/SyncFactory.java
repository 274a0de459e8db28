package dev.gitops4j.core.fleet;

import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.core.GitOps;

/**
 * Opens the {@link GitOps} that reconciles one sync under one lease. A fleet calls it for every
 * attempt and closes what it returns; a factory for several processes binds its state store to the
 * lease (for example {@code PostgresStateStore.fenced(dataSource, lease)}), so a worker that lost
 * its lease cannot write.
 */
@FunctionalInterface
public interface SyncFactory {

  /**
   * A configured GitOps for {@code lease.sync()}, its writes fenced by {@code lease}.
   *
   * @param lease the lease this attempt runs under; names the sync and carries the fencing token
   * @return a new GitOps, closed by the fleet after the attempt
   */
  GitOps open(Lease lease);
}
