package dev.gitops4j.secrets.sops;

import dev.gitops4j.secrets.age.Identity;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * The keys that may open SOPS files: age identities and OpenPGP secret keys. Any one key of a key
 * group recovers that group's share of the data key. {@code toString} shows no key material.
 *
 * @param ageIdentities the age identities (X25519 or post-quantum hybrid), tried in order
 * @param pgpKeys the OpenPGP secret key rings, tried in order
 */
public record SopsKeys(Seq<Identity> ageIdentities, Seq<PgpSecretKeys> pgpKeys) {
  /**
   * No key at all: combine with {@link #and} to add some.
   *
   * @return no keys
   */
  public static SopsKeys none() {
    return new SopsKeys(List.empty(), List.empty());
  }

  /**
   * Only age identities.
   *
   * @param identities the age identities
   * @return keys of these age identities
   */
  public static SopsKeys age(Iterable<? extends Identity> identities) {
    return new SopsKeys(List.ofAll(identities), List.empty());
  }

  /**
   * Only OpenPGP keys.
   *
   * @param keys the OpenPGP secret keys
   * @return keys of this key ring
   */
  public static SopsKeys pgp(PgpSecretKeys keys) {
    return new SopsKeys(List.empty(), List.of(keys));
  }

  /**
   * True when there is no key at all.
   *
   * @return true when there is no key at all
   */
  public boolean isEmpty() {
    return ageIdentities.isEmpty() && pgpKeys.isEmpty();
  }

  /**
   * These keys and {@code other}'s.
   *
   * @param other more keys
   * @return the keys of both
   */
  public SopsKeys and(SopsKeys other) {
    return new SopsKeys(
        ageIdentities.appendAll(other.ageIdentities), pgpKeys.appendAll(other.pgpKeys));
  }

  @Override
  public String toString() {
    return "SopsKeys[" + ageIdentities.size() + " age identities, " + pgpKeys.toJavaList() + "]";
  }
}
