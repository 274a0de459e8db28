package dev.gitops4j.secrets.age;

import java.util.Base64;
import java.util.Optional;

/** Strict base64: canonical encodings only, as age requires. */
final class Base64s {
  private Base64s() {}

  static String encodeRaw(byte[] data) {
    return Base64.getEncoder().withoutPadding().encodeToString(data);
  }

  /** Decodes unpadded standard base64, refusing padding and non-canonical trailing bits. */
  static Optional<byte[]> decodeRaw(String s) {
    if (s.indexOf('=') >= 0 || s.length() % 4 == 1) {
      return Optional.empty();
    }
    return decodeCanonical(s, false);
  }

  /** Decodes padded standard base64, refusing non-canonical encodings. */
  static Optional<byte[]> decodePadded(String s) {
    if (s.length() % 4 != 0) {
      return Optional.empty();
    }
    return decodeCanonical(s, true);
  }

  private static Optional<byte[]> decodeCanonical(String s, boolean padded) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || (padded && c == '=');
      if (!ok) {
        return Optional.empty();
      }
    }
    try {
      byte[] data = Base64.getDecoder().decode(s);
      String again = padded ? Base64.getEncoder().encodeToString(data) : encodeRaw(data);
      return again.equals(s) ? Optional.of(data) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
