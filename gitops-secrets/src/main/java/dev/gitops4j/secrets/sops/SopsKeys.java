package dev.gitops4j.secrets.sops;

import dev.gitops4j.secrets.age.Identity;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import java.util.List;

/**
 * The keys that may open SOPS files: age identities and OpenPGP secret keys. Any one key of a key
 * group recovers that group's share of the data key. {@code toString} shows no key material.
 */
public record SopsKeys(List<Identity> ageIdentities, List<PgpSecretKeys> pgpKeys) {
  public SopsKeys {
    ageIdentities = List.copyOf(ageIdentities);
    pgpKeys = List.copyOf(pgpKeys);
  }

  /** Only age identities. */
  public static SopsKeys age(List<? extends Identity> identities) {
    return new SopsKeys(List.copyOf(identities), List.of());
  }

  /** Only OpenPGP keys. */
  public static SopsKeys pgp(PgpSecretKeys keys) {
    return new SopsKeys(List.of(), List.of(keys));
  }

  /** True when there is no key at all. */
  public boolean isEmpty() {
    return ageIdentities.isEmpty() && pgpKeys.isEmpty();
  }

  /** These keys and {@code other}'s. */
  public SopsKeys and(SopsKeys other) {
    List<Identity> a = new java.util.ArrayList<>(ageIdentities);
    a.addAll(other.ageIdentities);
    List<PgpSecretKeys> p = new java.util.ArrayList<>(pgpKeys);
    p.addAll(other.pgpKeys);
    return new SopsKeys(a, p);
  }

  @Override
  public String toString() {
    return "SopsKeys[" + ageIdentities.size() + " age identities, " + pgpKeys + "]";
  }
}
