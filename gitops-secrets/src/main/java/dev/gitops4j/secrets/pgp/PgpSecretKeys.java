package dev.gitops4j.secrets.pgp;

import io.vavr.collection.Seq;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;

/**
 * OpenPGP secret keys (RSA or ECC) read from an armored or binary key ring, with an optional
 * passphrase, that decrypt OpenPGP messages such as the data keys of SOPS files. {@code toString}
 * lists fingerprints only.
 */
public final class PgpSecretKeys {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final PGPSecretKeyRingCollection rings;
  private final char[] passphrase;

  private PgpSecretKeys(PGPSecretKeyRingCollection rings, char[] passphrase) {
    this.rings = rings;
    this.passphrase = passphrase;
  }

  /**
   * Reads secret keys from armored or binary key ring bytes.
   *
   * @param keyRing an armored or binary secret key ring
   * @param passphrase the passphrase protecting the keys, empty for unprotected keys
   * @throws PgpException if the bytes hold no OpenPGP secret key
   * @return the keys
   */
  public static PgpSecretKeys read(byte[] keyRing, String passphrase) throws PgpException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyRing))) {
      PGPSecretKeyRingCollection rings =
          new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      if (rings.size() == 0) {
        throw new PgpException("no OpenPGP secret key found");
      }
      return new PgpSecretKeys(rings, passphrase.toCharArray());
    } catch (IOException | PGPException | RuntimeException e) {
      throw new PgpException(
          "not an OpenPGP secret key ring (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * The fingerprints (upper-case hex) of every key, primary and subkeys.
   *
   * @return the fingerprints (upper-case hex) of every key, primary and subkeys
   */
  public Seq<String> fingerprints() {
    List<String> out = new ArrayList<>();
    for (PGPSecretKeyRing ring : rings) {
      for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
        out.add(
            HexFormat.of()
                .formatHex(it.next().getPublicKey().getFingerprint())
                .toUpperCase(Locale.ROOT));
      }
    }
    return io.vavr.collection.List.ofAll(out);
  }

  /**
   * Decrypts an OpenPGP message (armored or binary) encrypted to one of these keys.
   *
   * @param message an OpenPGP message, armored or binary
   * @throws PgpException when no key matches, the passphrase is wrong, or integrity fails
   * @return the plaintext
   */
  public byte[] decrypt(byte[] message) throws PgpException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(message))) {
      JcaPGPObjectFactory factory = new JcaPGPObjectFactory(in);
      Object o = factory.nextObject();
      while (o != null && !(o instanceof PGPEncryptedDataList)) {
        o = factory.nextObject();
      }
      if (o == null) {
        throw new PgpException("not an OpenPGP encrypted message");
      }
      for (Object item : (PGPEncryptedDataList) o) {
        if (!(item instanceof PGPPublicKeyEncryptedData data)) {
          continue;
        }
        PGPSecretKey key = rings.getSecretKey(data.getKeyIdentifier().getKeyId());
        if (key == null) {
          continue;
        }
        PGPPrivateKey priv;
        try {
          priv =
              key.extractPrivateKey(
                  new JcePBESecretKeyDecryptorBuilder().setProvider(BC).build(passphrase));
        } catch (PGPException e) {
          throw new PgpException(
              "cannot unlock OpenPGP key " + fingerprint(key) + ": wrong passphrase?");
        }
        InputStream clear =
            data.getDataStream(
                new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(BC).build(priv));
        byte[] plain = literal(new JcaPGPObjectFactory(clear));
        if (data.isIntegrityProtected() && !data.verify()) {
          throw new PgpException("OpenPGP message failed its integrity check");
        }
        return plain;
      }
      throw new PgpException(
          "the OpenPGP message is not encrypted to any of the given keys "
              + fingerprints().mkString("[", ", ", "]"));
    } catch (IOException | PGPException | RuntimeException e) {
      throw new PgpException(
          "cannot decrypt OpenPGP message ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static byte[] literal(JcaPGPObjectFactory factory) throws IOException, PGPException {
    Object o = factory.nextObject();
    if (o instanceof PGPCompressedData compressed) {
      return literal(new JcaPGPObjectFactory(compressed.getDataStream()));
    }
    if (!(o instanceof PGPLiteralData lit)) {
      throw new PGPException("expected literal data in the OpenPGP message");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lit.getInputStream().transferTo(out);
    return out.toByteArray();
  }

  private static String fingerprint(PGPSecretKey key) {
    return HexFormat.of().formatHex(key.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "PgpSecretKeys" + fingerprints().mkString("[", ", ", "]");
  }

  /**
   * Convenience for text key files.
   *
   * @param armored an armored secret key ring
   * @param passphrase the passphrase, empty when the keys are not protected
   * @return the keys
   * @throws dev.gitops4j.secrets.pgp.PgpException when the text is not a secret key ring or the
   *     passphrase is wrong
   */
  public static PgpSecretKeys read(String armored, String passphrase) throws PgpException {
    return read(armored.getBytes(StandardCharsets.US_ASCII), passphrase);
  }
}
