/**
 * Plans as reviewable values: the {@link dev.gitops4j.api.plan.Planner} SPI, the {@link
 * dev.gitops4j.api.plan.Plan} it computes (waves of sealed {@link dev.gitops4j.api.plan.Change}s,
 * each with the {@link dev.gitops4j.api.plan.Precondition} it was computed against), RFC 6902 patch
 * operations and the {@link dev.gitops4j.api.plan.Inventory} that limits pruning to what we own.
 */
package dev.gitops4j.api.plan;
