/**
 * {@link dev.gitops4j.core.target.DirectoryTarget}: a target that keeps each resource as a YAML
 * file under a root it never escapes.
 */
package dev.gitops4j.core.target;
