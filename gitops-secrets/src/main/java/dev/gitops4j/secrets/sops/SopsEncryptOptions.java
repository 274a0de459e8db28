package dev.gitops4j.secrets.sops;

import dev.gitops4j.secrets.age.Recipient;
import dev.gitops4j.secrets.age.ScryptRecipient;
import dev.gitops4j.secrets.pgp.PgpRecipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a new SOPS file is encrypted to and which values are encrypted. Build with {@link
 * #builder()}; at least one recipient is required and at most one rule may be set.
 */
public final class SopsEncryptOptions {
  final List<Recipient> age;
  final List<PgpRecipient> pgp;
  final Map<String, String> rules;
  final boolean macOnlyEncrypted;
  final List<Group> groups;
  final int threshold;

  /** One key group: any one of its keys recovers the group's share of the data key. */
  record Group(List<Recipient> age, List<PgpRecipient> pgp) {}

  private SopsEncryptOptions(Builder b) {
    this.age = List.copyOf(b.age);
    this.pgp = List.copyOf(b.pgp);
    this.groups = List.copyOf(b.groups);
    this.threshold = b.threshold == 0 ? b.groups.size() : b.threshold;
    this.rules = Map.copyOf(b.rules);
    this.macOnlyEncrypted = b.macOnlyEncrypted;
  }

  /**
   * A new builder.
   *
   * @return a builder with no recipient and no rule
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SopsEncryptOptions}. */
  public static final class Builder {
    private final List<Recipient> age = new ArrayList<>();
    private final List<PgpRecipient> pgp = new ArrayList<>();
    private final Map<String, String> rules = new LinkedHashMap<>();
    private boolean macOnlyEncrypted;
    private final List<Group> groups = new ArrayList<>();
    private int threshold;

    private Builder() {}

    /**
     * Adds a key group; with two or more groups the data key is split with Shamir's scheme and
     * {@link #shamirThreshold} groups are needed to decrypt. Groups replace single recipients.
     *
     * @param ageRecipients the age recipients of the group
     * @param pgpRecipients the OpenPGP recipients of the group
     * @return this builder
     */
    public Builder keyGroup(
        Iterable<? extends Recipient> ageRecipients, Iterable<PgpRecipient> pgpRecipients) {
      List<Recipient> a = new ArrayList<>();
      ageRecipients.forEach(r -> a.add(checked(r)));
      List<PgpRecipient> p = new ArrayList<>();
      pgpRecipients.forEach(r -> p.add(Objects.requireNonNull(r)));
      if (a.isEmpty() && p.isEmpty()) {
        throw new IllegalArgumentException("a key group needs at least one key");
      }
      groups.add(new Group(List.copyOf(a), List.copyOf(p)));
      return this;
    }

    /**
     * How many key groups are needed to decrypt (default: all of them).
     *
     * @param value the number of groups needed, from 2 to the number of groups
     * @return this builder
     */
    public Builder shamirThreshold(int value) {
      this.threshold = value;
      return this;
    }

    /**
     * Encrypts the data key to an age recipient: X25519 ({@code age1...}) or post-quantum hybrid
     * ({@code age1pq1...}), as {@link dev.gitops4j.secrets.age.Identities#parseRecipient} returns.
     *
     * @param r an X25519 or hybrid age recipient
     * @throws IllegalArgumentException for a passphrase (scrypt) recipient, which SOPS cannot name
     * @return this builder
     */
    public Builder ageRecipient(Recipient r) {
      age.add(checked(r));
      return this;
    }

    private static Recipient checked(Recipient r) {
      if (Objects.requireNonNull(r) instanceof ScryptRecipient) {
        throw new IllegalArgumentException(
            "a passphrase (scrypt) recipient cannot be a SOPS key: use an age1... recipient");
      }
      return r;
    }

    /**
     * Encrypts the data key to an OpenPGP public key.
     *
     * @param r the recipient
     * @return this builder
     */
    public Builder pgpRecipient(PgpRecipient r) {
      pgp.add(Objects.requireNonNull(r));
      return this;
    }

    /**
     * Only values under keys ending with {@code suffix} are encrypted.
     *
     * @param suffix the key suffix
     * @return this builder
     */
    public Builder encryptedSuffix(String suffix) {
      return rule("encrypted_suffix", suffix);
    }

    /**
     * Values under keys ending with {@code suffix} stay in clear (default {@code _unencrypted}).
     *
     * @param suffix the key suffix
     * @return this builder
     */
    public Builder unencryptedSuffix(String suffix) {
      return rule("unencrypted_suffix", suffix);
    }

    /**
     * Only values under keys matching {@code regex} are encrypted.
     *
     * @param regex a Java regular expression over keys
     * @return this builder
     */
    public Builder encryptedRegex(String regex) {
      return rule("encrypted_regex", regex);
    }

    /**
     * Values under keys matching {@code regex} stay in clear.
     *
     * @param regex a Java regular expression over keys
     * @return this builder
     */
    public Builder unencryptedRegex(String regex) {
      return rule("unencrypted_regex", regex);
    }

    /**
     * Hash only encrypted values into the MAC.
     *
     * @param value whether the MAC covers only encrypted values
     * @return this builder
     */
    public Builder macOnlyEncrypted(boolean value) {
      this.macOnlyEncrypted = value;
      return this;
    }

    private Builder rule(String name, String value) {
      if (!rules.isEmpty()) {
        throw new IllegalStateException(
            "a rule is already set (" + rules.keySet() + "); SOPS allows one");
      }
      java.util.regex.Pattern.compile(value);
      rules.put(name, Objects.requireNonNull(value));
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalStateException without any recipient, or with an invalid key group setup
     * @return the options
     */
    public SopsEncryptOptions build() {
      if (age.isEmpty() && pgp.isEmpty() && groups.isEmpty()) {
        throw new IllegalStateException("a SOPS file needs at least one age or PGP recipient");
      }
      if (!groups.isEmpty() && (!age.isEmpty() || !pgp.isEmpty())) {
        throw new IllegalStateException("use either recipients or key groups, not both");
      }
      if (groups.size() == 1) {
        throw new IllegalStateException(
            "one key group is just recipients: use ageRecipient/pgpRecipient");
      }
      if (threshold != 0 && (threshold < 2 || threshold > groups.size())) {
        throw new IllegalStateException(
            "shamir threshold must be between 2 and " + groups.size() + ", not " + threshold);
      }
      if (rules.isEmpty()) {
        rules.put("unencrypted_suffix", "_unencrypted");
      }
      return new SopsEncryptOptions(this);
    }
  }
}
