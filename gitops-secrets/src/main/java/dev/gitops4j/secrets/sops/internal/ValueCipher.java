package dev.gitops4j.secrets.sops.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SOPS value encryption: AES-256-GCM from the JDK (hardware accelerated) with a 32-byte IV and the
 * key path as additional data, in the {@code ENC[AES256_GCM,data:,iv:,tag:,type:]} form.
 */
public final class ValueCipher {
  private static final String PREFIX = "ENC[AES256_GCM,data:";
  private static final ThreadLocal<Cipher> DECRYPTORS =
      ThreadLocal.withInitial(ValueCipher::newCipher);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ValueCipher() {}

  /** A parsed encrypted value. */
  @SuppressWarnings("ArrayRecordComponent") // internal, never shared
  public record Encrypted(byte[] data, byte[] iv, byte[] tag, String type) {}

  /** Whether {@code text} looks like an encrypted SOPS value. */
  public static boolean isEncrypted(String text) {
    return text.startsWith("ENC[") && text.endsWith("]");
  }

  /** Parses an encrypted value, or empty if it is malformed. */
  public static Optional<Encrypted> parse(String text) {
    int data = text.startsWith(PREFIX) ? PREFIX.length() : -1;
    int iv = data < 0 ? -1 : text.indexOf(",iv:", data);
    int tag = iv < 0 ? -1 : text.indexOf(",tag:", iv);
    int type = tag < 0 ? -1 : text.indexOf(",type:", tag);
    if (type < 0 || !text.endsWith("]")) {
      return Optional.empty();
    }
    try {
      Base64.Decoder d = Base64.getDecoder();
      return Optional.of(
          new Encrypted(
              d.decode(text.substring(data, iv)),
              d.decode(text.substring(iv + 4, tag)),
              d.decode(text.substring(tag + 5, type)),
              text.substring(type + 6, text.length() - 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The plaintext bytes, or empty when the tag does not verify. */
  public static Optional<byte[]> decrypt(byte[] key, Encrypted e, String aad) {
    return decrypt(new SecretKeySpec(key, "AES"), e, aad);
  }

  /** The plaintext bytes, or empty when the tag does not verify; reuses a per-thread cipher. */
  public static Optional<byte[]> decrypt(SecretKeySpec key, Encrypted e, String aad) {
    try {
      Cipher c = DECRYPTORS.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, e.iv()));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] data = e.data();
      byte[] tag = e.tag();
      byte[] sealed = java.util.Arrays.copyOf(data, data.length + tag.length);
      System.arraycopy(tag, 0, sealed, data.length, tag.length);
      return Optional.of(c.doFinal(sealed));
    } catch (AEADBadTagException bad) {
      return Optional.empty();
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("AES-GCM unavailable", ex);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Encrypts with a fresh 32-byte IV. */
  public static String encrypt(byte[] key, byte[] plaintext, String aad, String type) {
    try {
      byte[] iv = new byte[32];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] out = c.doFinal(plaintext);
      Base64.Encoder b = Base64.getEncoder();
      return "ENC[AES256_GCM,data:"
          + b.encodeToString(Arrays.copyOf(out, out.length - 16))
          + ",iv:"
          + b.encodeToString(iv)
          + ",tag:"
          + b.encodeToString(Arrays.copyOfRange(out, out.length - 16, out.length))
          + ",type:"
          + type
          + "]";
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("AES-GCM unavailable", ex);
    }
  }
}
