package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;

/** A passphrase identity for age's scrypt stanza; refuses work factors above a limit. */
public final class ScryptIdentity implements Identity {
  private final byte[] passphrase;
  private final int maxLogN;

  /**
   * An identity for this passphrase accepting work factors up to 2^22, as age does.
   *
   * @param passphrase the passphrase
   */
  public ScryptIdentity(String passphrase) {
    this(passphrase, 22);
  }

  /**
   * An identity for this passphrase accepting work factors up to 2^{@code maxLogN}.
   *
   * @param passphrase the passphrase
   * @param maxLogN the largest accepted work factor exponent
   */
  public ScryptIdentity(String passphrase, int maxLogN) {
    this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
    this.maxLogN = maxLogN;
  }

  @Override
  public Option<byte[]> unwrap(Seq<Stanza> stanzas) throws AgeException {
    for (Stanza s : stanzas) {
      if (!s.type().equals(ScryptRecipient.TYPE)) {
        continue;
      }
      if (stanzas.size() != 1) {
        throw new AgeException(
            AgeException.Kind.HEADER, "an scrypt stanza must be the only stanza");
      }
      if (s.args().size() != 2) {
        throw new AgeException(AgeException.Kind.HEADER, "scrypt stanza must have two arguments");
      }
      byte[] salt = Base64s.decodeRaw(s.args().get(0)).orElse(null);
      if (salt == null || salt.length != 16) {
        throw new AgeException(
            AgeException.Kind.HEADER, "scrypt salt is not 16 bytes of canonical base64");
      }
      String wf = s.args().get(1);
      if (!wf.matches("[1-9][0-9]{0,1}")) {
        throw new AgeException(
            AgeException.Kind.HEADER, "scrypt work factor is not a decimal number");
      }
      int logN = Integer.parseInt(wf);
      if (logN > maxLogN) {
        throw new AgeException(
            AgeException.Kind.HEADER,
            "scrypt work factor " + logN + " exceeds the limit " + maxLogN);
      }
      byte[] body = s.body();
      if (body.length != 32) {
        throw new AgeException(AgeException.Kind.HEADER, "scrypt stanza body is not 32 bytes");
      }
      byte[] key = ScryptRecipient.key(passphrase, salt, logN);
      return Option.ofOptional(Crypto.open(key, new byte[12], body, 0, body.length));
    }
    return Option.none();
  }

  @Override
  public String toString() {
    return "ScryptIdentity[passphrase redacted]";
  }
}
