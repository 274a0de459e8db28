/**
 * Health after a change: the checks of a reconciler by kind, falling back to the target's own
 * ({@link dev.gitops4j.core.health.HealthChecks}), and the gate that waits until every resource of
 * a rollout step is healthy, times out or is cancelled by a newer revision ({@link
 * dev.gitops4j.core.health.HealthGate}).
 */
package dev.gitops4j.core.health;
