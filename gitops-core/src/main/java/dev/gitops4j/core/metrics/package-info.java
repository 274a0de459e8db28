/**
 * Metrics without a metrics library: {@link dev.gitops4j.core.metrics.MetricsListener} counts and
 * times reconcile events under Micrometer-style names, for the caller to hand to whatever back end
 * it uses (core depends on no metrics library).
 */
package dev.gitops4j.core.metrics;
