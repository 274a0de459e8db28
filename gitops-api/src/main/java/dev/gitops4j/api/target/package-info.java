/**
 * The {@link dev.gitops4j.api.target.Target} SPI: the system GitOps4J keeps in line with Git.
 * Implement it to manage your own system; the testkit's {@code TargetConformanceKit} checks that an
 * implementation keeps the contract.
 */
package dev.gitops4j.api.target;
