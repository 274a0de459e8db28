/**
 * Plans, results and problems as JSON documents: the reviewable artefact form used by {@code
 * --json} and by tools that store plans.
 */
package dev.gitops4j.core.report;
