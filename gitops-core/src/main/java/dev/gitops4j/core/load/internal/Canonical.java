package dev.gitops4j.core.load.internal;

import dev.gitops4j.api.model.Node;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of the short strings that repeat across manifests (keys such as {@code
 * apiVersion} and {@code metadata}, values such as {@code v1} or a namespace), so that a repository
 * of 100,000 manifests holds each once instead of once per document. Bounded: once full, new
 * strings are kept as they are, and it is safe to share between threads. Only keys and identifying
 * values go in (the type, namespace and label values of a resource, which Kubernetes itself never
 * treats as secret), never other values (which may be secrets). Identifying values are shared as
 * whole string nodes.
 */
final class Canonical {
  static final int MAX_LENGTH = 64;
  private final int capacity;
  private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Node.Str> nodes = new ConcurrentHashMap<>();

  Canonical(int capacity) {
    this.capacity = capacity;
  }

  /**
   * A shared string node for an identifying value: the same node for every document holding it,
   * when it is short and already known or there is still room.
   */
  Node.Str node(String s) {
    Node.Str known = nodes.get(s);
    if (known != null) {
      return known;
    }
    Node.Str made = Node.str(of(s));
    if (s.length() > MAX_LENGTH || nodes.size() >= capacity) {
      return made;
    }
    known = nodes.putIfAbsent(s, made);
    return known != null ? known : made;
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
