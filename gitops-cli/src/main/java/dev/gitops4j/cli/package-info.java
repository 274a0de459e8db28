/**
 * The {@code gitops4j} command line: a thin picocli layer over the public API for CI jobs, hooks
 * and the quickstart. Not a library API: use {@code gitops-core} from code.
 */
package dev.gitops4j.cli;
