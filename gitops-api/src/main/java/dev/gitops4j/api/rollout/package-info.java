/**
 * How a plan reaches a target: {@link dev.gitops4j.api.rollout.Rollout} (strategy, parallelism,
 * timeouts, health gate), {@link dev.gitops4j.api.rollout.Retry} for transient errors, {@link
 * dev.gitops4j.api.rollout.RateLimit} in front of a target, and {@link
 * dev.gitops4j.api.rollout.Rollback}, what happens when a change or a gate fails. All immutable
 * values, checked when made.
 */
package dev.gitops4j.api.rollout;
