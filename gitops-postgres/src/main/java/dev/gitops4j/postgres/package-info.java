/**
 * Fleets and state on PostgreSQL: {@link dev.gitops4j.postgres.PostgresCoordination} (leases with
 * fencing tokens, {@code SELECT ... FOR UPDATE SKIP LOCKED}) and {@link
 * dev.gitops4j.postgres.PostgresStateStore} (a sync's inventory, last applied revision and journal,
 * its writes fenced by the lease), over plain JDBC with a versioned schema.
 */
package dev.gitops4j.postgres;
