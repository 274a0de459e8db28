/**
 * Internals of manifest loading (parsing, names, caching). Not part of the API: may change in any
 * release.
 */
package dev.gitops4j.core.load.internal;
