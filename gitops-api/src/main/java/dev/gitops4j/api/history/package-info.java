/**
 * What a reconciler remembers between runs: the {@link dev.gitops4j.api.history.StateStore} SPI
 * (inventory of owned resources, last applied revision) and the audit trail of {@link
 * dev.gitops4j.api.history.JournalEntry} lines.
 */
package dev.gitops4j.api.history;
