/**
 * Where the desired state lives: the {@link dev.gitops4j.api.source.Repository} SPI, the {@link
 * dev.gitops4j.api.source.Revision} a ref resolves to, and the {@link
 * dev.gitops4j.api.source.Snapshot} of files read at that revision.
 */
package dev.gitops4j.api.source;
