/**
 * The age file format (age-encryption.org/v1) in pure Java: X25519, passphrase (scrypt) and
 * post-quantum hybrid recipients and identities, armor, and {@link dev.gitops4j.secrets.age.Age} to
 * encrypt and decrypt.
 */
package dev.gitops4j.secrets.age;
