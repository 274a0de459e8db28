/**
 * Typed events for every step of a reconcile ({@link dev.gitops4j.api.event.GitOpsEvent}, a sealed
 * type) and the {@link dev.gitops4j.api.event.GitOpsListener} that receives them, synchronously and
 * in order. Use them to log, count or audit what a reconcile did.
 */
package dev.gitops4j.api.event;
