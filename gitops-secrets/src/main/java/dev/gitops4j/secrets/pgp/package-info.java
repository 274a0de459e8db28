/**
 * OpenPGP through Bouncy Castle, as SOPS uses it: {@link dev.gitops4j.secrets.pgp.PgpSecretKeys}
 * decrypt and {@link dev.gitops4j.secrets.pgp.PgpRecipient} encrypts.
 */
package dev.gitops4j.secrets.pgp;
