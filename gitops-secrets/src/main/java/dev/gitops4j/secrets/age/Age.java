package dev.gitops4j.secrets.age;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * age v1 encryption and decryption in pure Java (X25519 and scrypt recipients, ASCII armor).
 *
 * <pre>{@code
 * X25519Identity me = X25519Identity.generate();
 * byte[] file = Age.encrypt(data, List.of(me.recipient()), true);
 * byte[] back = Age.decrypt(file, List.of(me));
 * }</pre>
 *
 * Post-quantum hybrid recipients ({@code mlkem768x25519}) are supported by {@link HybridRecipient}
 * and {@link HybridIdentity}.
 */
public final class Age {
  static final int CHUNK = 64 * 1024;
  private static final int TAG = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Age() {}

  /**
   * Encrypts {@code plaintext} to every recipient; armored when {@code armor} is true.
   *
   * @param plaintext the bytes to encrypt
   * @param recipients who may decrypt; a passphrase recipient must be the only one
   * @param armor whether to wrap the file in PEM-style ASCII armor
   * @return the age file
   */
  public static byte[] encrypt(
      byte[] plaintext, Iterable<? extends Recipient> recipients, boolean armor) {
    if (!recipients.iterator().hasNext()) {
      throw new IllegalArgumentException("at least one recipient is needed");
    }
    byte[] fileKey = new byte[16];
    RANDOM.nextBytes(fileKey);
    List<Stanza> stanzas = new ArrayList<>();
    for (Recipient r : recipients) {
      r.wrap(fileKey).forEach(stanzas::add);
    }
    if (stanzas.size() > 1
        && stanzas.stream().anyMatch(s -> s.type().equals(ScryptRecipient.TYPE))) {
      throw new IllegalArgumentException(
          "a passphrase (scrypt) recipient must be the only recipient");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Header.write(stanzas, Crypto.hkdf(fileKey, new byte[0], "header", 32)));
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    out.writeBytes(nonce);
    byte[] key = Crypto.hkdf(fileKey, nonce, "payload", 32);
    long counter = 0;
    int off = 0;
    do {
      int len = Math.min(CHUNK, plaintext.length - off);
      boolean last = off + len >= plaintext.length;
      out.writeBytes(
          Crypto.seal(
              key, chunkNonce(counter++, last), Arrays.copyOfRange(plaintext, off, off + len)));
      off += len;
    } while (off < plaintext.length);
    Arrays.fill(fileKey, (byte) 0);
    byte[] binary = out.toByteArray();
    return armor ? Armor.encode(binary).getBytes(StandardCharsets.US_ASCII) : binary;
  }

  /**
   * Decrypts a whole file (armored or not) with the first identity that matches.
   *
   * @param file an age file, armored or binary
   * @param identities the identities to try, in order
   * @return the plaintext
   * @throws dev.gitops4j.secrets.age.AgeException when no identity matches or the file is malformed
   *     or tampered with; {@link AgeException#kind()} says which
   */
  public static byte[] decrypt(byte[] file, Iterable<? extends Identity> identities)
      throws AgeException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    decrypt(file, identities, out);
    return out.toByteArray();
  }

  /**
   * Decrypts to {@code out}, detecting armor. On a payload failure, the chunks that verified before
   * it have been written (age's STREAM releases them); nothing unverified ever is.
   *
   * @param file an age file, armored or binary
   * @param identities the identities to try, in order
   * @param out where the plaintext goes, chunk by verified chunk
   * @throws dev.gitops4j.secrets.age.AgeException when no identity matches or the file is malformed
   *     or tampered with
   */
  public static void decrypt(byte[] file, Iterable<? extends Identity> identities, OutputStream out)
      throws AgeException {
    decrypt(file, identities, out, Armor.isArmored(file));
  }

  /**
   * Decrypts to {@code out}; {@code armored} says whether to strip ASCII armor first.
   *
   * @param file an age file
   * @param identities the identities to try, in order
   * @param out where the plaintext goes, chunk by verified chunk
   * @param armored whether {@code file} is armored
   * @throws dev.gitops4j.secrets.age.AgeException when no identity matches or the file is malformed
   *     or tampered with
   */
  public static void decrypt(
      byte[] file, Iterable<? extends Identity> identities, OutputStream out, boolean armored)
      throws AgeException {
    byte[] data = armored ? Armor.decode(file) : file;
    Header header = Header.parse(data);
    byte[] fileKey = unwrap(header, identities);
    byte[] expected =
        Crypto.hmac(
            Crypto.hkdf(fileKey, new byte[0], "header", 32),
            header.macInput,
            header.macInput.length);
    if (!MessageDigest.isEqual(expected, header.mac)) {
      throw new AgeException(
          AgeException.Kind.HMAC, "header MAC does not verify: the header was modified");
    }
    int pos = header.length;
    if (data.length - pos < 16) {
      throw new AgeException(AgeException.Kind.HEADER, "payload nonce is missing or short");
    }
    byte[] nonce = Arrays.copyOfRange(data, pos, pos + 16);
    pos += 16;
    byte[] key = Crypto.hkdf(fileKey, nonce, "payload", 32);
    try {
      for (long counter = 0; ; counter++) {
        int len = Math.min(CHUNK + TAG, data.length - pos);
        if (len == 0) {
          throw payload("the payload ends without a final chunk");
        }
        if (len < TAG) {
          throw payload("chunk " + counter + " is truncated");
        }
        boolean last = len < CHUNK + TAG;
        Optional<byte[]> plain = Crypto.open(key, chunkNonce(counter, last), data, pos, len);
        if (plain.isEmpty() && !last) {
          last = true;
          plain = Crypto.open(key, chunkNonce(counter, true), data, pos, len);
        }
        if (plain.isEmpty()) {
          throw payload("chunk " + counter + " does not verify (tampered, truncated or reordered)");
        }
        if (last && plain.get().length == 0 && counter > 0) {
          throw payload("the final chunk is empty");
        }
        out.write(plain.get());
        pos += len;
        if (last) {
          if (pos != data.length) {
            throw payload("data after the final chunk");
          }
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] unwrap(Header header, Iterable<? extends Identity> identities)
      throws AgeException {
    boolean scrypt = header.stanzas.exists(s -> s.type().equals(ScryptRecipient.TYPE));
    if (scrypt && header.stanzas.size() != 1) {
      throw new AgeException(AgeException.Kind.HEADER, "an scrypt stanza must be the only stanza");
    }
    for (Identity identity : identities) {
      Option<byte[]> key = identity.unwrap(header.stanzas);
      if (key.isDefined()) {
        return key.get();
      }
    }
    throw new AgeException(
        AgeException.Kind.NO_MATCH,
        "no identity matched any of the file's " + header.stanzas.size() + " recipients");
  }

  private static byte[] chunkNonce(long counter, boolean last) {
    byte[] n = new byte[12];
    for (int i = 10; i >= 0 && counter != 0; i--) {
      n[i] = (byte) counter;
      counter >>>= 8;
    }
    n[11] = (byte) (last ? 1 : 0);
    return n;
  }

  private static AgeException payload(String message) {
    return new AgeException(AgeException.Kind.PAYLOAD, message);
  }
}
