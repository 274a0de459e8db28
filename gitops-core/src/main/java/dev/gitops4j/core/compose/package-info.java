/**
 * Composition of manifests before they are loaded: rendering kustomizations with kustomize's
 * semantics ({@link dev.gitops4j.core.compose.Kustomize}) and Flux-style variable substitution
 * ({@link dev.gitops4j.core.compose.Substitution}). Used by {@link
 * dev.gitops4j.core.load.ManifestLoader}; callable alone to render a folder.
 */
package dev.gitops4j.core.compose;
