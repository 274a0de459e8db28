package dev.gitops4j.secrets.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;
import org.jspecify.annotations.Nullable;

/** An OpenPGP public encryption key that data keys are encrypted to. */
public final class PgpRecipient {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private final PGPPublicKey key;
  private final String fingerprint;

  private PgpRecipient(PGPPublicKey key, String primaryFingerprint) {
    this.key = key;
    this.fingerprint = primaryFingerprint;
  }

  /**
   * The first encryption-capable key in armored or binary public (or secret) key ring bytes.
   *
   * @param keyRing an armored or binary key ring
   * @throws PgpException if there is none
   * @return the recipient
   */
  public static PgpRecipient read(byte[] keyRing) throws PgpException {
    try {
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyRing))) {
        for (PGPPublicKeyRing ring :
            new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator())) {
          PgpRecipient r = fromRing(ring.getPublicKeys());
          if (r != null) {
            return r;
          }
        }
      } catch (PGPException | IOException | RuntimeException notPublic) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyRing))) {
          for (PGPSecretKeyRing ring :
              new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator())) {
            PgpRecipient r = fromRing(ring.getPublicKeys());
            if (r != null) {
              return r;
            }
          }
        }
      }
    } catch (PGPException | IOException | RuntimeException e) {
      throw new PgpException("not an OpenPGP key ring (" + e.getClass().getSimpleName() + ")", e);
    }
    throw new PgpException("no OpenPGP encryption key found");
  }

  private static @Nullable PgpRecipient fromRing(Iterator<PGPPublicKey> keys) {
    String primary = null;
    while (keys.hasNext()) {
      PGPPublicKey k = keys.next();
      if (primary == null) {
        primary = HexFormat.of().formatHex(k.getFingerprint()).toUpperCase(Locale.ROOT);
      }
      if (k.isEncryptionKey() && !k.hasRevocation()) {
        return new PgpRecipient(k, primary);
      }
    }
    return null;
  }

  /**
   * The primary key's fingerprint, as SOPS records it.
   *
   * @return the primary key's fingerprint, as SOPS records it
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Encrypts {@code data} to this key as an armored OpenPGP message.
   *
   * @param data the bytes to encrypt
   * @return the armored OpenPGP message
   */
  public String encrypt(byte[] data) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ArmoredOutputStream armored =
          ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
        PGPEncryptedDataGenerator gen =
            new PGPEncryptedDataGenerator(
                new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                    .setWithIntegrityPacket(true)
                    .setSecureRandom(new SecureRandom())
                    .setProvider(BC));
        gen.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(key).setProvider(BC));
        try (OutputStream enc = gen.open(armored, new byte[4096]);
            @SuppressWarnings("JavaUtilDate") // Bouncy Castle's literal data API takes a Date
                OutputStream lit =
                    new PGPLiteralDataGenerator()
                        .open(enc, PGPLiteralData.BINARY, "", data.length, new Date())) {
          lit.write(data);
        }
      }
      return bytes.toString(java.nio.charset.StandardCharsets.US_ASCII);
    } catch (IOException | PGPException e) {
      throw new IllegalStateException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PgpRecipient[" + fingerprint + "]";
  }
}
