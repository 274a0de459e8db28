package dev.gitops4j.secrets.sops;

import dev.gitops4j.secrets.age.Age;
import dev.gitops4j.secrets.age.AgeException;
import dev.gitops4j.secrets.age.Recipient;
import dev.gitops4j.secrets.pgp.PgpException;
import dev.gitops4j.secrets.pgp.PgpRecipient;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import dev.gitops4j.secrets.sops.internal.Codec;
import dev.gitops4j.secrets.sops.internal.Metadata;
import dev.gitops4j.secrets.sops.internal.SNode;
import dev.gitops4j.secrets.sops.internal.Shamir;
import dev.gitops4j.secrets.sops.internal.Stores;
import dev.gitops4j.secrets.sops.internal.ValueCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes SOPS files in pure Java: YAML, JSON, dotenv, INI and binary stores; age and
 * OpenPGP master keys; key groups with a Shamir threshold; the MAC, verified before any value is
 * returned.
 *
 * <pre>{@code
 * SopsDocument doc = Sops.decrypt("secrets.yaml", bytes, SopsKeys.age(identities));
 * byte[] yaml = doc.plaintext();
 * Option<Secret> password = doc.get("/db/password");
 * }</pre>
 */
public final class Sops {
  /** The sops version this writer's output corresponds to. */
  public static final String VERSION = "3.13.2";

  private Sops() {}

  /**
   * Whether the bytes look like a SOPS file (they carry {@code sops} metadata with a MAC).
   *
   * @param name the file's name, whose extension gives the format (YAML, JSON, dotenv, INI)
   * @param content the file's bytes
   * @return true for SOPS metadata; false for anything else, unreadable bytes included
   */
  public static boolean isSopsFile(String name, byte[] content) {
    try {
      SopsFormat format = SopsFormat.of(name);
      Stores.Split split = Stores.split(format, Stores.read(format, content));
      return split.metadata().containsKey("mac") || split.metadata().containsKey("lastmodified");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Decrypts and verifies the MAC; a file without a MAC is refused.
   *
   * @param name the file's name, for its format and for messages
   * @param content the SOPS file's bytes
   * @param keys the age identities and OpenPGP keys that may open the data key
   * @return the decrypted document
   * @throws SopsException naming the file and what failed: the format, the data key, a value's key
   *     path, or the MAC
   */
  public static SopsDocument decrypt(String name, byte[] content, SopsKeys keys)
      throws SopsException {
    return decrypt(name, content, keys, false);
  }

  /**
   * Decrypts a SOPS file; with {@code ignoreMac} a missing or wrong MAC is tolerated (as {@code
   * sops --ignore-mac}).
   *
   * @param name the file's name, for its format and for messages
   * @param content the SOPS file's bytes
   * @param keys the age identities and OpenPGP keys that may open the data key
   * @param ignoreMac whether a missing or wrong MAC is tolerated
   * @return the decrypted document
   * @throws SopsException naming the file and what failed: the format, the data key, a value's key
   *     path, or the MAC
   */
  public static SopsDocument decrypt(String name, byte[] content, SopsKeys keys, boolean ignoreMac)
      throws SopsException {
    SopsFormat format = SopsFormat.of(name);
    Stores.Split split;
    try {
      split = Stores.split(format, Stores.read(format, content));
    } catch (IOException | RuntimeException e) {
      throw new SopsException(
          name + ": not a readable " + format + " SOPS file: " + e.getMessage());
    }
    if (split.metadata().isEmpty()) {
      throw new SopsException(name + ": no sops metadata; the file is not SOPS-encrypted");
    }
    Metadata meta;
    try {
      meta = Metadata.of(split.metadata());
    } catch (RuntimeException e) {
      throw new SopsException(name + ": malformed sops metadata: " + e.getMessage());
    }
    byte[] dataKey = dataKey(name, meta, keys);
    Codec codec = new Codec(dataKey, meta.macOnlyEncrypted());
    SNode.SMap plain;
    try {
      plain = (SNode.SMap) codec.decrypt(split.document(), List.of());
    } catch (Codec.ValueFailure e) {
      throw new SopsException(name + ": " + e.getMessage());
    }
    String computed = codec.macHex();
    if (!ignoreMac) {
      verifyMac(name, meta, dataKey, computed);
    }
    try {
      plain = (SNode.SMap) Codec.convert(plain, List.of());
    } catch (Codec.ValueFailure e) {
      throw new SopsException(name + ": " + e.getMessage());
    }
    return new SopsDocument(name, format, plain);
  }

  private static void verifyMac(String name, Metadata meta, byte[] dataKey, String computed)
      throws SopsException {
    if (meta.mac().isEmpty()) {
      throw new SopsException(
          name + ": the file has no MAC; refusing to trust it (it may have been tampered with)");
    }
    ValueCipher.Encrypted enc =
        ValueCipher.parse(meta.mac().get())
            .orElseThrow(() -> new SopsException(name + ": the MAC is malformed"));
    byte[] stored =
        ValueCipher.decrypt(dataKey, enc, meta.lastModified().orElse(""))
            .orElseThrow(
                () ->
                    new SopsException(
                        name + ": the MAC failed to decrypt: it, or lastmodified, was modified"));
    if (!MessageDigest.isEqual(stored, computed.getBytes(StandardCharsets.US_ASCII))) {
      throw new SopsException(
          name + ": MAC mismatch: the file's values were modified, added, removed or reordered");
    }
  }

  private static byte[] dataKey(String name, Metadata meta, SopsKeys keys) throws SopsException {
    List<byte[]> shares = new ArrayList<>();
    List<String> tried = new ArrayList<>();
    for (Metadata.KeyGroup group : meta.groups()) {
      Optional<byte[]> share = Optional.empty();
      for (Metadata.MasterKey k : group.keys()) {
        tried.add(k.type() + ":" + k.id());
        share = unwrap(k, keys);
        if (share.isPresent()) {
          break;
        }
      }
      share.ifPresent(shares::add);
      if (shares.size() >= meta.threshold()) {
        break;
      }
    }
    if (meta.groups().size() == 1) {
      if (shares.isEmpty()) {
        throw new SopsException(
            name
                + ": none of the given keys can decrypt the data key (the file is encrypted to "
                + tried
                + ")");
      }
      return check(name, shares.get(0));
    }
    if (shares.size() < meta.threshold()) {
      throw new SopsException(
          name
              + ": only "
              + shares.size()
              + " of the "
              + meta.threshold()
              + " key groups needed could be opened (keys: "
              + tried
              + ")");
    }
    try {
      return check(name, Shamir.combine(shares));
    } catch (IllegalArgumentException e) {
      throw new SopsException(name + ": cannot combine the key group shares: " + e.getMessage());
    }
  }

  private static void keys(
      Map<String, Object> into,
      byte[] key,
      List<Recipient> ageRecipients,
      List<PgpRecipient> pgpRecipients,
      String createdAt) {
    if (!ageRecipients.isEmpty()) {
      List<Object> age = new ArrayList<>();
      for (Recipient r : ageRecipients) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("recipient", r.toString());
        k.put("enc", new String(Age.encrypt(key, List.of(r), true), StandardCharsets.US_ASCII));
        age.add(k);
      }
      into.put("age", age);
    }
    if (!pgpRecipients.isEmpty()) {
      List<Object> pgp = new ArrayList<>();
      for (PgpRecipient r : pgpRecipients) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("created_at", createdAt);
        k.put("enc", r.encrypt(key));
        k.put("fp", r.fingerprint());
        pgp.add(k);
      }
      into.put("pgp", pgp);
    }
  }

  private static byte[] check(String name, byte[] key) throws SopsException {
    if (key.length != 32) {
      throw new SopsException(name + ": the data key is " + key.length + " bytes, not 32");
    }
    return key;
  }

  private static Optional<byte[]> unwrap(Metadata.MasterKey k, SopsKeys keys) {
    byte[] enc = k.enc().getBytes(StandardCharsets.US_ASCII);
    if (k.type().equals("age") && !keys.ageIdentities().isEmpty()) {
      try {
        return Optional.of(Age.decrypt(enc, keys.ageIdentities()));
      } catch (AgeException e) {
        return Optional.empty();
      }
    }
    if (k.type().equals("pgp")) {
      for (PgpSecretKeys p : keys.pgpKeys()) {
        try {
          return Optional.of(p.decrypt(enc));
        } catch (PgpException e) {
          // try the next key ring
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Encrypts a plaintext file (format from {@code name}) into a new SOPS file.
   *
   * @param name the file's name, whose extension gives the format
   * @param plaintext the file's bytes
   * @param options the recipients and which values to encrypt
   * @return the SOPS file's bytes, readable by {@code sops decrypt}
   * @throws SopsException when the plaintext cannot be read in its format or a key cannot be used
   */
  public static byte[] encrypt(String name, byte[] plaintext, SopsEncryptOptions options)
      throws SopsException {
    SopsFormat format = SopsFormat.of(name);
    SNode.SMap doc;
    try {
      doc = Stores.readPlain(format, plaintext);
    } catch (IOException | RuntimeException e) {
      throw new SopsException(name + ": not a readable " + format + " file: " + e.getMessage());
    }
    if (doc.get("sops") != null) {
      throw new SopsException(name + ": the file is already SOPS-encrypted");
    }
    byte[] dataKey = new byte[32];
    new SecureRandom().nextBytes(dataKey);
    Codec codec = new Codec(dataKey, options.macOnlyEncrypted);
    SNode.SMap encrypted = (SNode.SMap) codec.encrypt(doc, List.of(), options.rules);
    String lastModified =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String mac =
        ValueCipher.encrypt(
            dataKey, codec.macHex().getBytes(StandardCharsets.US_ASCII), lastModified, "str");

    Map<String, Object> meta = new LinkedHashMap<>();
    if (options.groups.isEmpty()) {
      keys(meta, dataKey, options.age, options.pgp, lastModified);
      meta.put("lastmodified", lastModified);
      meta.put("mac", mac);
      Object pgp = meta.remove("pgp");
      if (pgp != null) {
        meta.put("pgp", pgp);
      }
    } else {
      List<byte[]> shares = Shamir.split(dataKey, options.groups.size(), options.threshold);
      List<Object> groups = new ArrayList<>();
      for (int g = 0; g < options.groups.size(); g++) {
        Map<String, Object> group = new LinkedHashMap<>();
        keys(
            group,
            shares.get(g),
            options.groups.get(g).age(),
            options.groups.get(g).pgp(),
            lastModified);
        groups.add(group);
      }
      meta.put("shamir_threshold", (long) options.threshold);
      meta.put("key_groups", groups);
      meta.put("lastmodified", lastModified);
      meta.put("mac", mac);
    }
    meta.putAll(options.rules);
    if (options.macOnlyEncrypted) {
      meta.put("mac_only_encrypted", true);
    }
    meta.put("version", VERSION);
    java.util.Arrays.fill(dataKey, (byte) 0);
    return Stores.join(format, encrypted, meta).getBytes(StandardCharsets.UTF_8);
  }
}
