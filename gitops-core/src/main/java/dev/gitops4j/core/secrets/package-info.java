/**
 * Secret resolution for the reconcile: {@link dev.gitops4j.core.secrets.SecretResolver} and the
 * built-in providers for the environment and for fixed values.
 */
package dev.gitops4j.core.secrets;
