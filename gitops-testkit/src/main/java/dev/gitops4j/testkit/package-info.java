/**
 * Test infrastructure code without a cluster: {@link dev.gitops4j.testkit.InMemoryTarget} and
 * {@link dev.gitops4j.testkit.TargetConformanceKit}, the contract every target adapter must keep,
 * as JUnit 5 tests.
 */
package dev.gitops4j.testkit;
