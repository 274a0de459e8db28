/**
 * {@link dev.gitops4j.core.source.GitRepository}: a repository backed by real Git through JGit,
 * local or remote.
 */
package dev.gitops4j.core.source;
