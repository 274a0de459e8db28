package dev.gitops4j.secrets.age;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** The primitives age uses: HKDF-SHA-256 (Bouncy Castle), ChaCha20-Poly1305 and HMAC (JDK). */
final class Crypto {
  private Crypto() {}

  static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
    HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
    gen.init(
        new HKDFParameters(ikm, salt, info.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    byte[] out = new byte[length];
    gen.generateBytes(out, 0, length);
    return out;
  }

  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    try {
      Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is not available", e);
    }
  }

  /** The plaintext, or empty when the tag does not verify. */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext, int off, int len) {
    try {
      Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      return Optional.of(c.doFinal(ciphertext, off, len));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is not available", e);
    }
  }

  static byte[] hmac(byte[] key, byte[] data, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(data, 0, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
