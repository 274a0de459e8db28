/**
 * SOPS files in pure Java ({@link dev.gitops4j.secrets.sops.Sops}): YAML, JSON, dotenv, INI and
 * binary stores, age and OpenPGP keys, key groups; and {@link
 * dev.gitops4j.secrets.sops.SopsSecrets}, which plugs SOPS into the reconcile.
 */
package dev.gitops4j.secrets.sops;
