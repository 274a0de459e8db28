package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An age X25519 identity: {@code AGE-SECRET-KEY-1...}. Its {@code toString} never shows the key.
 */
public final class X25519Identity implements Identity {
  private final byte[] secret;
  private final X25519Recipient recipient;

  private X25519Identity(byte[] secret) {
    this.secret = secret.clone();
    byte[] pub = new byte[32];
    X25519.scalarMultBase(this.secret, 0, pub, 0);
    this.recipient = new X25519Recipient(pub);
  }

  /**
   * A new random identity.
   *
   * @return a new random identity
   */
  public static X25519Identity generate() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return new X25519Identity(k);
  }

  /**
   * Parses an {@code AGE-SECRET-KEY-1...} identity.
   *
   * @param text the Bech32 identity
   * @throws IllegalArgumentException if it is not one (the message never holds the key)
   * @return the identity
   */
  public static X25519Identity parse(String text) {
    String s = text.strip();
    if (s.startsWith("AGE-SECRET-KEY-PQ-1")) {
      throw new IllegalArgumentException(
          "a post-quantum identity: read it with HybridIdentity.parse or Identities.parse");
    }
    Bech32.Decoded d;
    try {
      d = Bech32.decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an age identity (" + e.getMessage() + ")");
    }
    if (!d.hrp().equals("age-secret-key-")
        || d.data().length != 32
        || !s.equals(s.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("not an age X25519 identity (AGE-SECRET-KEY-1...)");
    }
    return new X25519Identity(d.data());
  }

  /**
   * The recipient that encrypts to this identity.
   *
   * @return the recipient that encrypts to this identity
   */
  public X25519Recipient recipient() {
    return recipient;
  }

  /**
   * The Bech32 text of the secret key; handle with care.
   *
   * @return the Bech32 text of the secret key; handle with care
   */
  public String reveal() {
    return Bech32.encode("age-secret-key-", secret).toUpperCase(Locale.ROOT);
  }

  @Override
  public Option<byte[]> unwrap(Seq<Stanza> stanzas) throws AgeException {
    for (Stanza s : stanzas) {
      if (!s.type().equals(X25519Recipient.TYPE)) {
        continue;
      }
      if (s.args().size() != 1) {
        throw new AgeException(AgeException.Kind.HEADER, "X25519 stanza must have one argument");
      }
      byte[] share = Base64s.decodeRaw(s.args().get(0)).orElse(null);
      if (share == null || share.length != 32) {
        throw new AgeException(
            AgeException.Kind.HEADER, "X25519 stanza share is not 32 bytes of canonical base64");
      }
      byte[] body = s.body();
      if (body.length != 32) {
        throw new AgeException(AgeException.Kind.HEADER, "X25519 stanza body is not 32 bytes");
      }
      byte[] shared = new byte[32];
      if (!X25519.calculateAgreement(secret, 0, share, 0, shared, 0)) {
        throw new AgeException(
            AgeException.Kind.HEADER, "X25519 stanza share is a low-order point");
      }
      byte[] salt = X25519Recipient.concat(share, recipient.publicKey());
      byte[] wrapKey = Crypto.hkdf(shared, salt, X25519Recipient.LABEL, 32);
      Optional<byte[]> fileKey = Crypto.open(wrapKey, new byte[12], body, 0, body.length);
      if (fileKey.isPresent()) {
        return Option.some(fileKey.get());
      }
    }
    return Option.none();
  }

  @Override
  public String toString() {
    return "X25519Identity[" + recipient + "]";
  }
}
