/**
 * Time as a dependency: {@link dev.gitops4j.api.time.Scheduler} is the clock and the sleeping of
 * every wait in the library (retries, health polls, lock waits, polling), so tests can run it on
 * the testkit's virtual clock and production on {@link dev.gitops4j.api.time.Scheduler#system()}.
 */
package dev.gitops4j.api.time;
