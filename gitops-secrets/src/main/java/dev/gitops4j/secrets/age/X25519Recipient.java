package dev.gitops4j.secrets.age;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An age X25519 recipient: {@code age1...}. */
public final class X25519Recipient implements Recipient {
  static final String TYPE = "X25519";
  static final String LABEL = "age-encryption.org/v1/X25519";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] publicKey;

  X25519Recipient(byte[] publicKey) {
    this.publicKey = publicKey.clone();
  }

  /**
   * Parses an {@code age1...} recipient.
   *
   * @param text the Bech32 recipient
   * @throws IllegalArgumentException if it is not a valid age X25519 recipient
   * @return the recipient
   */
  public static X25519Recipient parse(String text) {
    Bech32.Decoded d;
    try {
      d = Bech32.decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an age recipient (" + e.getMessage() + ")");
    }
    if (!d.hrp().equals("age") || d.data().length != 32 || !text.strip().startsWith("age1")) {
      throw new IllegalArgumentException("not an age X25519 recipient (age1...)");
    }
    return new X25519Recipient(d.data());
  }

  byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public Seq<Stanza> wrap(byte[] fileKey) {
    byte[] ephemeral = new byte[32];
    RANDOM.nextBytes(ephemeral);
    byte[] share = new byte[32];
    X25519.scalarMultBase(ephemeral, 0, share, 0);
    byte[] shared = new byte[32];
    if (!X25519.calculateAgreement(ephemeral, 0, publicKey, 0, shared, 0)) {
      throw new IllegalArgumentException("recipient public key is a low-order point");
    }
    byte[] salt = concat(share, publicKey);
    byte[] wrapKey = Crypto.hkdf(shared, salt, LABEL, 32);
    byte[] body = Crypto.seal(wrapKey, new byte[12], fileKey);
    Arrays.fill(ephemeral, (byte) 0);
    return List.of(new Stanza(TYPE, List.of(Base64s.encodeRaw(share)), body));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof X25519Recipient r && Arrays.equals(r.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return Bech32.encode("age", publicKey);
  }
}
