/**
 * Health after a write: {@link dev.gitops4j.api.health.HealthCheck}, the per-kind check a
 * reconciler polls during a rollout's health gate for kinds whose readiness the target alone cannot
 * tell. A failing gate is what triggers an automated rollback.
 */
package dev.gitops4j.api.health;
