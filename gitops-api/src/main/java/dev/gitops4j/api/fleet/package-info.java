/**
 * Fleets: many syncs kept in line by workers that share them. {@link
 * dev.gitops4j.api.fleet.Coordination} is the SPI through which workers claim, renew and release
 * {@link dev.gitops4j.api.fleet.Lease}s with fencing tokens; {@link
 * dev.gitops4j.api.fleet.SyncStatus} and {@link dev.gitops4j.api.fleet.FleetEvent} say what they
 * did.
 */
package dev.gitops4j.api.fleet;
