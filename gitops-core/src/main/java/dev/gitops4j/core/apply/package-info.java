/**
 * The built-in reconciler: applies a plan wave by wave through the target, refusing stale changes,
 * and records what it now owns before reporting success.
 */
package dev.gitops4j.core.apply;
