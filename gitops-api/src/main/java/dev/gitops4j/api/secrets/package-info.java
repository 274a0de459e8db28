/**
 * Secrets without leaks: {@link dev.gitops4j.api.secrets.Secret} (whose {@code toString} is a
 * redaction), references to secrets, and the two SPIs through which secret back ends plug in:
 * {@link dev.gitops4j.api.secrets.SecretProvider} for {@code ${secret:SCHEME:KEY}} references and
 * {@link dev.gitops4j.api.secrets.DocumentDecryptor} for manifests encrypted as a whole.
 */
package dev.gitops4j.api.secrets;
