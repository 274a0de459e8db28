/**
 * One worker of a fleet ({@link dev.gitops4j.core.fleet.Fleet}) and the in-process coordination
 * that lets a fleet run inside one JVM with nothing else ({@link
 * dev.gitops4j.core.fleet.InProcessCoordination}).
 */
package dev.gitops4j.core.fleet;
