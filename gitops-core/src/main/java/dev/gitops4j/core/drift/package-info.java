/**
 * Drift reports: {@link dev.gitops4j.core.drift.Drift} turns a plan into the list of resources
 * where the target differs from Git, field by field, with secret values redacted on both sides. The
 * CLI's {@code gitops4j drift} prints it.
 */
package dev.gitops4j.core.drift;
