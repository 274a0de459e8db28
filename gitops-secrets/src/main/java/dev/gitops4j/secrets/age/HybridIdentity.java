package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.util.Locale;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A post-quantum hybrid age identity ({@code AGE-SECRET-KEY-PQ-1...}): a 32-byte X-Wing seed. Its
 * {@code toString} never shows the key.
 */
public final class HybridIdentity implements Identity {
  static final String HRP = "age-secret-key-pq-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] seed;
  private final AsymmetricCipherKeyPair keyPair;
  private final HybridRecipient recipient;

  private HybridIdentity(byte[] seed) {
    this.seed = seed.clone();
    HPKE hpke = HybridRecipient.hpke();
    this.keyPair = hpke.deserializePrivateKey(this.seed, null);
    this.recipient = new HybridRecipient(hpke.serializePublicKey(keyPair.getPublic()));
  }

  /**
   * A new random identity.
   *
   * @return a new random identity
   */
  public static HybridIdentity generate() {
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    return new HybridIdentity(seed);
  }

  /**
   * Parses an {@code AGE-SECRET-KEY-PQ-1...} identity.
   *
   * @param text the Bech32 identity
   * @throws IllegalArgumentException if it is not one (the message never holds the key)
   * @return the identity
   */
  public static HybridIdentity parse(String text) {
    String s = text.strip();
    Bech32.Decoded d;
    try {
      d = Bech32.decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an age identity (" + e.getMessage() + ")");
    }
    if (!d.hrp().equals(HRP) || d.data().length != 32 || !s.equals(s.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "not a post-quantum age identity (AGE-SECRET-KEY-PQ-1...)");
    }
    return new HybridIdentity(d.data());
  }

  /**
   * The recipient that encrypts to this identity.
   *
   * @return the recipient that encrypts to this identity
   */
  public HybridRecipient recipient() {
    return recipient;
  }

  /**
   * The Bech32 text of the secret seed; handle with care.
   *
   * @return the Bech32 text of the secret seed; handle with care
   */
  public String reveal() {
    return Bech32.encode(HRP, seed).toUpperCase(Locale.ROOT);
  }

  @Override
  public Option<byte[]> unwrap(Seq<Stanza> stanzas) throws AgeException {
    for (Stanza s : stanzas) {
      if (!s.type().equals(HybridRecipient.TYPE)) {
        continue;
      }
      if (s.args().size() != 1) {
        throw header("mlkem768x25519 stanza must have one argument");
      }
      byte[] enc = Base64s.decodeRaw(s.args().get(0)).orElse(null);
      if (enc == null || enc.length != HybridRecipient.ENC_LENGTH) {
        throw header(
            "mlkem768x25519 enc is not "
                + HybridRecipient.ENC_LENGTH
                + " bytes of canonical base64");
      }
      byte[] body = s.body();
      if (body.length != 32) {
        throw header("mlkem768x25519 stanza body is not 32 bytes");
      }
      byte[] probe = new byte[32];
      RANDOM.nextBytes(probe);
      if (!X25519.calculateAgreement(probe, 0, enc, enc.length - 32, new byte[32], 0)) {
        throw header("the X25519 part of the mlkem768x25519 enc is a low-order point");
      }
      try {
        return Option.some(
            HybridRecipient.hpke()
                .open(enc, keyPair, HybridRecipient.INFO, new byte[0], body, null, null, null));
      } catch (InvalidCipherTextException | RuntimeException e) {
        // not for this identity: try the next stanza
      }
    }
    return Option.none();
  }

  private static AgeException header(String message) {
    return new AgeException(AgeException.Kind.HEADER, message);
  }

  @Override
  public String toString() {
    return "HybridIdentity[post-quantum, key redacted]";
  }
}
