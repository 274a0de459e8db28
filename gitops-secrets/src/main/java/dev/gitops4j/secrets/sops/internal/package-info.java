/**
 * Internals of the SOPS format (stores, value cipher, MAC, Shamir). Not part of the API: may change
 * in any release.
 */
package dev.gitops4j.secrets.sops.internal;
