package dev.gitops4j.core.plan;

import dev.gitops4j.api.model.Node;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Compares secret values with strings by HMAC-SHA-256 under a key drawn once per process, so the
 * planner can tell whether a secret changed without comparing or printing plaintext.
 */
final class SecretCompare {
  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private SecretCompare() {}

  static boolean equal(Node a, Node b) {
    byte[] x = keyedHash(a);
    byte[] y = keyedHash(b);
    return x != null && y != null && MessageDigest.isEqual(x, y);
  }

  private static byte @Nullable [] keyedHash(Node n) {
    byte[] value;
    if (n instanceof Node.SecretText s) {
      value = s.secret().revealBytes();
    } else if (n instanceof Node.Str s) {
      value = s.value().getBytes(StandardCharsets.UTF_8);
    } else {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac.doFinal(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      java.util.Arrays.fill(value, (byte) 0);
    }
  }
}
