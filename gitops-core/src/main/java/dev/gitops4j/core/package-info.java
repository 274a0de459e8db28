/**
 * The {@link dev.gitops4j.core.GitOps} facade: one builder that wires a repository, a target, a
 * state store, secrets and listeners, then validates, plans and reconciles. Start here.
 */
package dev.gitops4j.core;
