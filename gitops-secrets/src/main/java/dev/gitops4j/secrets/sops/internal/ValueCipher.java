package dev.gitops4j.secrets.sops.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SOPS value encryption: AES-256-GCM from the JDK (hardware accelerated) with a 32-byte IV and the
 * key path as additional data, in the {@code ENC[AES256_GCM,data:,iv:,tag:,type:]} form.
 */
public final class ValueCipher {
  private static final Pattern ENC =
      Pattern.compile("^ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:([^\\]]*)\\]$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ValueCipher() {}

  /** A parsed encrypted value. */
  public record Encrypted(byte[] data, byte[] iv, byte[] tag, String type) {}

  /** Whether {@code text} looks like an encrypted SOPS value. */
  public static boolean isEncrypted(String text) {
    return text.startsWith("ENC[") && text.endsWith("]");
  }

  /** Parses an encrypted value, or empty if it is malformed. */
  public static Optional<Encrypted> parse(String text) {
    Matcher m = ENC.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Base64.Decoder d = Base64.getDecoder();
      return Optional.of(
          new Encrypted(
              d.decode(m.group(1)), d.decode(m.group(2)), d.decode(m.group(3)), m.group(4)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The plaintext bytes, or empty when the tag does not verify. */
  public static Optional<byte[]> decrypt(byte[] key, Encrypted e, String aad) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, e.iv()));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      c.update(e.data());
      return Optional.of(c.doFinal(e.tag()));
    } catch (AEADBadTagException bad) {
      return Optional.empty();
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("AES-GCM unavailable", ex);
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
