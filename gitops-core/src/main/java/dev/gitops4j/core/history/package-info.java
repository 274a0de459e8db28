/**
 * Built-in state stores: {@link dev.gitops4j.core.history.FileStateStore} (crash-safe files in a
 * directory) and {@link dev.gitops4j.core.history.InMemoryStateStore}.
 */
package dev.gitops4j.core.history;
