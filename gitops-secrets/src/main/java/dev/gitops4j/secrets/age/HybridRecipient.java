package dev.gitops4j.secrets.age;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A post-quantum hybrid age recipient ({@code age1pq1...}): HPKE with the ML-KEM-768 + X25519
 * (X-Wing) KEM, HKDF-SHA-256 and ChaCha20-Poly1305, all from Bouncy Castle.
 */
public final class HybridRecipient implements Recipient {
  static final String TYPE = "mlkem768x25519";
  static final String HRP = "age1pq";
  static final byte[] INFO =
      "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
  static final int ENC_LENGTH = 1120;

  private final byte[] publicKey;

  HybridRecipient(byte[] publicKey) {
    this.publicKey = publicKey.clone();
  }

  static HPKE hpke() {
    return new HPKE(
        HPKE.mode_base,
        HPKE.kem_MLKEM768_X25519,
        HPKE.kdf_HKDF_SHA256,
        HPKE.aead_CHACHA20_POLY1305);
  }

  /**
   * Parses an {@code age1pq1...} recipient.
   *
   * @param text the Bech32 recipient
   * @throws IllegalArgumentException if it is not one
   * @return the recipient
   */
  public static HybridRecipient parse(String text) {
    Bech32.Decoded d;
    try {
      d = Bech32.decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an age recipient (" + e.getMessage() + ")");
    }
    if (!d.hrp().equals(HRP) || d.data().length != 1216) {
      throw new IllegalArgumentException("not a post-quantum age recipient (age1pq1...)");
    }
    return new HybridRecipient(d.data());
  }

  @Override
  public Seq<Stanza> wrap(byte[] fileKey) {
    HPKE hpke = hpke();
    AsymmetricKeyParameter pk = hpke.deserializePublicKey(publicKey);
    try {
      byte[][] sealed = hpke.seal(pk, INFO, new byte[0], fileKey, null, null, null);
      return List.of(new Stanza(TYPE, List.of(Base64s.encodeRaw(sealed[1])), sealed[0]));
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("HPKE seal failed", e);
    }
  }

  @Override
  public String toString() {
    return Bech32.encode(HRP, publicKey);
  }
}
