/**
 * Running a plan's changes as a {@link dev.gitops4j.api.rollout.Rollout} says ({@link
 * dev.gitops4j.core.rollout.RolloutExecutor}): in steps (all at once, by wave, in batches or as a
 * canary), with bounded parallelism inside a dependency wave, retries with backoff, per-change
 * timeouts, a rate limit ({@link dev.gitops4j.core.rollout.TokenBucket}) and a health gate after
 * each step. All waiting goes through an injected scheduler, so a rollout runs in virtual time in
 * tests.
 */
package dev.gitops4j.core.rollout;
