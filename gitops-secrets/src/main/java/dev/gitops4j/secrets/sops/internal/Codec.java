package dev.gitops4j.secrets.sops.internal;

import dev.gitops4j.secrets.sops.internal.SNode.Entry;
import dev.gitops4j.secrets.sops.internal.SNode.SComment;
import dev.gitops4j.secrets.sops.internal.SNode.SList;
import dev.gitops4j.secrets.sops.internal.SNode.SMap;
import dev.gitops4j.secrets.sops.internal.SNode.SScalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks a tree encrypting or decrypting every leaf with its key-path AAD, and computes the MAC over
 * the plaintexts in document order.
 */
public final class Codec {
  private final byte[] key;
  private final javax.crypto.spec.SecretKeySpec keySpec;
  private final MessageDigest mac;
  private final boolean macOnlyEncrypted;
  private List<String> lastMapPath = List.of();

  /** Thrown with the key path of a value that failed; never the value. */
  public static final class ValueFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ValueFailure(String message) {
      super(message);
    }
  }

  /**
   * A decrypted value not yet read into its type: the type tag is not covered by the MAC, so values
   * are converted only after the MAC was verified, by {@link #convert}.
   */
  public record Typed(String text, String type) {
    @Override
    public String toString() {
      return "<decrypted " + type + ">";
    }
  }

  /**
   * Reads every {@link Typed} value of a decrypted tree into its type. A value that does not read
   * as its type (a tampered {@code type:} tag) fails with its key path, never its text.
   */
  public static SNode convert(SNode node, List<String> path) throws ValueFailure {
    if (node instanceof SMap m) {
      SMap out = new SMap();
      for (Entry e : m.entries()) {
        out.entries()
            .add(
                new Entry(
                    e.key(),
                    e.key() == null ? e.value() : convert(e.value(), append(path, e.key()))));
      }
      return out;
    }
    if (node instanceof SList l) {
      SList out = new SList();
      for (SNode item : l.items()) {
        out.items().add(convert(item, path));
      }
      return out;
    }
    if (node instanceof SScalar s && s.value() instanceof Typed t) {
      try {
        return new SScalar(Values.fromText(t.text(), t.type()), s.secret());
      } catch (RuntimeException e) {
        throw new ValueFailure(
            "value at "
                + aad(path)
                + " does not read as its type '"
                + t.type()
                + "': the type tag was modified or the file is corrupt");
      }
    }
    return node;
  }

  public Codec(byte[] key, boolean macOnlyEncrypted) {
    this.key = key;
    this.keySpec = new javax.crypto.spec.SecretKeySpec(key, "AES");
    this.macOnlyEncrypted = macOnlyEncrypted;
    try {
      this.mac = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (macOnlyEncrypted) {
      try {
        mac.update(
            MessageDigest.getInstance("SHA-256").digest("sops".getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The MAC over everything walked so far: 128 upper-case hex characters. */
  public String macHex() {
    return java.util.HexFormat.of().withUpperCase().formatHex(mac.digest());
  }

  /** Decrypts every encrypted leaf and comment, feeding the MAC. */
  public SNode decrypt(SNode node, List<String> path) throws ValueFailure {
    if (node instanceof SMap m) {
      SMap out = new SMap();
      for (Entry e : m.entries()) {
        if (e.key() == null) {
          out.entries().add(new Entry(null, decryptComment((SComment) e.value(), path)));
        } else {
          out.entries().add(new Entry(e.key(), decrypt(e.value(), append(path, e.key()))));
        }
      }
      return out;
    }
    if (node instanceof SList l) {
      SList out = new SList();
      for (SNode item : l.items()) {
        out.items().add(item instanceof SComment c ? decryptComment(c, path) : decrypt(item, path));
      }
      return out;
    }
    Object v = ((SScalar) node).value();
    lastMapPath = path.isEmpty() ? path : path.subList(0, path.size() - 1);
    if (v instanceof String s && ValueCipher.isEncrypted(s)) {
      ValueCipher.Encrypted enc =
          ValueCipher.parse(s)
              .orElseThrow(
                  () ->
                      new ValueFailure(
                          "value at " + aad(path) + " is a malformed ENC[...] string"));
      byte[] plain =
          ValueCipher.decrypt(keySpec, enc, aad(path))
              .orElseThrow(
                  () ->
                      new ValueFailure(
                          "value at "
                              + aad(path)
                              + " failed to decrypt: its data, IV or tag was modified, or it moved to another key"));
      mac.update(plain);
      return new SScalar(new Typed(new String(plain, StandardCharsets.UTF_8), enc.type()), true);
    }
    if (v != null && !macOnlyEncrypted) {
      mac.update(Values.toBytes(v));
    }
    return node;
  }

  private SNode decryptComment(SComment c, List<String> path) throws ValueFailure {
    String text = c.text().strip();
    if (!ValueCipher.isEncrypted(text)) {
      return c;
    }
    ValueCipher.Encrypted enc =
        ValueCipher.parse(text)
            .orElseThrow(() -> new ValueFailure("comment at " + aad(path) + " is malformed"));
    // A comment's AAD is the map it was written in; a parser may attach it to the next key
    // instead, so the map the previous entry ended in is tried too. GCM only verifies under the
    // AAD that was really used, so trying candidates cannot accept a wrong one.
    List<List<String>> candidates = new ArrayList<>();
    candidates.add(path);
    for (int n = lastMapPath.size(); n >= path.size(); n--) {
      candidates.add(lastMapPath.subList(0, n));
    }
    for (List<String> candidate : candidates) {
      java.util.Optional<byte[]> plain = ValueCipher.decrypt(keySpec, enc, aad(candidate));
      if (plain.isPresent()) {
        lastMapPath = candidate;
        return new SComment(new String(plain.get(), StandardCharsets.UTF_8));
      }
    }
    throw new ValueFailure("comment at " + aad(path) + " failed to decrypt");
  }

  /** Encrypts the leaves and comments the rules select, feeding the MAC. */
  public SNode encrypt(SNode node, List<String> path, Map<String, String> rules) {
    if (node instanceof SMap m) {
      SMap out = new SMap();
      for (Entry e : m.entries()) {
        if (e.key() == null) {
          out.entries().add(new Entry(null, encryptComment((SComment) e.value(), path, rules)));
        } else {
          out.entries().add(new Entry(e.key(), encrypt(e.value(), append(path, e.key()), rules)));
        }
      }
      return out;
    }
    if (node instanceof SList l) {
      SList out = new SList();
      for (SNode item : l.items()) {
        out.items()
            .add(
                item instanceof SComment c
                    ? encryptComment(c, path, rules)
                    : encrypt(item, path, rules));
      }
      return out;
    }
    Object v = ((SScalar) node).value();
    if (v == null) {
      return node;
    }
    byte[] plain = Values.toBytes(v);
    boolean encrypt = shouldEncrypt(path, rules) && !(v instanceof String s && s.isEmpty());
    if (encrypt || !macOnlyEncrypted) {
      mac.update(plain);
    }
    return encrypt
        ? new SScalar(ValueCipher.encrypt(key, plain, aad(path), Values.typeOf(v)))
        : node;
  }

  private SNode encryptComment(SComment c, List<String> path, Map<String, String> rules) {
    String un = rules.get("unencrypted_comment_regex");
    String en = rules.get("encrypted_comment_regex");
    boolean encrypt =
        (un == null || !Pattern.compile(un).matcher(c.text()).find())
            && (en == null || Pattern.compile(en).matcher(c.text()).find());
    if (!encrypt) {
      return c;
    }
    return new SComment(
        ValueCipher.encrypt(key, c.text().getBytes(StandardCharsets.UTF_8), aad(path), "comment"));
  }

  static boolean shouldEncrypt(List<String> path, Map<String, String> rules) {
    String us = rules.get("unencrypted_suffix");
    String es = rules.get("encrypted_suffix");
    String ur = rules.get("unencrypted_regex");
    String er = rules.get("encrypted_regex");
    if (es != null) {
      return path.stream().anyMatch(k -> k.endsWith(es));
    }
    if (ur != null) {
      Pattern p = Pattern.compile(ur);
      return path.stream().noneMatch(k -> p.matcher(k).find());
    }
    if (er != null) {
      Pattern p = Pattern.compile(er);
      return path.stream().anyMatch(k -> p.matcher(k).find());
    }
    String suffix = us != null ? us : "_unencrypted";
    return path.stream().noneMatch(k -> k.endsWith(suffix));
  }

  /** The additional data for a value at {@code path}: map keys joined with ':' plus ':'. */
  public static String aad(List<String> path) {
    return String.join(":", path) + ":";
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    out.add(key);
    return out;
  }
}
