/**
 * The {@link dev.gitops4j.api.reconcile.Reconciler} that makes a target match a desired state, and
 * the {@link dev.gitops4j.api.reconcile.ReconcileResult} saying what one reconcile did.
 */
package dev.gitops4j.api.reconcile;
