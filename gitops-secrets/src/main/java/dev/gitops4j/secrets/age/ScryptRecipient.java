package dev.gitops4j.secrets.age;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.SCrypt;

/** A passphrase recipient (age's scrypt stanza); it must be the only recipient of a file. */
public final class ScryptRecipient implements Recipient {
  static final String TYPE = "scrypt";
  static final String LABEL = "age-encryption.org/v1/scrypt";
  private final byte[] passphrase;
  private final int logN;

  /**
   * A recipient for this passphrase with work factor 2^{@code logN} (age's default is 18).
   *
   * @param passphrase the passphrase
   * @param logN the work factor exponent
   */
  public ScryptRecipient(String passphrase, int logN) {
    if (logN < 1 || logN > 30) {
      throw new IllegalArgumentException("scrypt work factor must be 1..30, not " + logN);
    }
    this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
    this.logN = logN;
  }

  @Override
  public Seq<Stanza> wrap(byte[] fileKey) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] key = key(passphrase, salt, logN);
    byte[] body = Crypto.seal(key, new byte[12], fileKey);
    return List.of(
        new Stanza(TYPE, List.of(Base64s.encodeRaw(salt), Integer.toString(logN)), body));
  }

  static byte[] key(byte[] passphrase, byte[] salt, int logN) {
    byte[] s = X25519Recipient.concat(LABEL.getBytes(StandardCharsets.US_ASCII), salt);
    return SCrypt.generate(passphrase, s, 1 << logN, 8, 1, 32);
  }

  @Override
  public String toString() {
    return "ScryptRecipient[work factor " + logN + "]";
  }
}
