/**
 * Loading manifests from a snapshot into a validated desired state, with every problem at once
 * ({@link dev.gitops4j.core.load.ManifestLoader}), and reading and writing documents as YAML and
 * JSON ({@link dev.gitops4j.core.load.Documents}).
 */
package dev.gitops4j.core.load;
