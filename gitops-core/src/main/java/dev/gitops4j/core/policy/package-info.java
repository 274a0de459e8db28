/**
 * The built-in {@link dev.gitops4j.api.policy.Policy} rules checked on every load, before anything
 * is touched: naming conventions, required labels and annotations, what a folder may produce,
 * forbidden fields, size limits and JSON Schemas for custom resources. Each rule reports every
 * resource that breaks it as a problem at its file and line. {@link
 * dev.gitops4j.core.policy.RepositoryConfig} reads the same rules from a repository's own {@code
 * gitops4j.yaml}, so that a repository can carry its conventions.
 */
package dev.gitops4j.core.policy;
