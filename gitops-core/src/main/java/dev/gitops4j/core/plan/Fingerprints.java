package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.core.load.Documents;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Keyed fingerprints of observed documents for plan {@link Precondition}s: HMAC-SHA-256 of the
 * canonical JSON under a secret key. An unkeyed hash of a document that holds a secret lets anyone
 * holding the plan test guesses of the secret offline; a keyed one does not, as long as the key
 * stays where it is kept (the {@code StateStore}), never in a plan.
 *
 * <pre>{@code
 * Fingerprints fp = Fingerprints.keyed(stateStore::fingerprintKey);
 * Planner planner = new DefaultPlanner(fp);
 * }</pre>
 */
public final class Fingerprints {
  private final Supplier<byte[]> keySource;
  private volatile @Nullable SecretKeySpec key;

  private Fingerprints(Supplier<byte[]> keySource) {
    this.keySource = keySource;
  }

  /**
   * Fingerprints under the key {@code key} supplies, asked for once, on first use.
   *
   * @param key supplies the secret HMAC key, at least 32 bytes (checked on first use), such as the
   *     state store's fingerprint key
   * @return fingerprints under that key
   */
  public static Fingerprints keyed(Supplier<byte[]> key) {
    return new Fingerprints(Objects.requireNonNull(key, "key"));
  }

  /**
   * Fingerprints under a fresh random key: plans from it apply only within this instance's life.
   *
   * @return fingerprints under 32 random bytes from {@link SecureRandom}
   */
  public static Fingerprints random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new Fingerprints(() -> key);
  }

  /**
   * The hex HMAC-SHA-256 of the document's canonical JSON.
   *
   * @param document an observed document; key order does not change its fingerprint
   * @return 64 lower-case hex digits
   * @throws IllegalStateException if the key is shorter than 32 bytes
   */
  public String of(Node document) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      byte[] digest =
          mac.doFinal(Documents.toCanonicalJson(document).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * {@link Precondition#present} with this document's fingerprint.
   *
   * @param document the document observed on the target when planning
   * @return a precondition that holds while the target still holds that document
   * @throws IllegalStateException if the key is shorter than 32 bytes
   */
  public Precondition present(Node document) {
    return Precondition.present(of(document));
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      byte[] raw = keySource.get();
      if (raw.length < 32) {
        throw new IllegalStateException("a fingerprint key needs at least 32 bytes");
      }
      k = new SecretKeySpec(raw, "HmacSHA256");
      key = k;
    }
    return k;
  }
}
