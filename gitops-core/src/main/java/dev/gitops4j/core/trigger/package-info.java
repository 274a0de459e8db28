/**
 * What makes Git drive deployment: a {@link dev.gitops4j.core.trigger.Poller} (interval with
 * jitter, backoff, force pushes refused), a {@link dev.gitops4j.core.trigger.WebhookReceiver}
 * (GitHub, GitLab and generic HMAC webhooks on the JDK's HTTP server), a {@link
 * dev.gitops4j.core.trigger.GitServer} (a git:// server whose pre-receive hook validates pushes),
 * and the {@link dev.gitops4j.core.trigger.Debouncer} that folds bursts of pushes into one
 * reconcile. Every wait goes through the injected {@link dev.gitops4j.api.time.Scheduler}.
 */
package dev.gitops4j.core.trigger;
