package dev.gitops4j.core.load.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of the short strings that repeat across manifests (keys such as {@code
 * apiVersion} and {@code metadata}, values such as {@code v1} or a namespace), so that a repository
 * of 100,000 manifests holds each once instead of once per document. Bounded: once full, new
 * strings are kept as they are, and it is safe to share between threads. Only keys and identifying
 * values go in, never other values (which may be secrets).
 */
final class Canonical {
  static final int MAX_LENGTH = 64;
  private final int capacity;
  private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();

  Canonical(int capacity) {
    this.capacity = capacity;
  }

  /** The shared copy of {@code s} when it is short and already known or there is still room. */
  String of(String s) {
    if (s.length() > MAX_LENGTH) {
      return s;
    }
    String known = strings.get(s);
    if (known != null) {
      return known;
    }
    if (strings.size() >= capacity) {
      return s;
    }
    known = strings.putIfAbsent(s, s);
    return known != null ? known : s;
  }
}
