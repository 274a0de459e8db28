package dev.gitops4j.core.load.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import io.vavr.control.Option;

/**
 * Manifests encrypted whole with SOPS: whether their id is encrypted too (so it cannot be read
 * before decryption), and the decrypted manifest with the fields that identify it in clear text.
 */
public final class Sealed {
  private static final String[][] IDENTITY = {
    {"apiVersion"}, {"kind"}, {"metadata", "name"}, {"metadata", "namespace"}
  };

  private Sealed() {}

  /** Whether the kind, name or namespace is a SOPS {@code ENC[...]} value. */
  public static boolean identityEncrypted(Node.Obj body) {
    for (String pointer : new String[] {"/kind", "/metadata/name", "/metadata/namespace"}) {
      if (body.at(pointer).flatMap(Node::asText).exists(t -> t.startsWith("ENC["))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The decrypted manifest with {@code apiVersion}, {@code kind}, {@code metadata.name}, {@code
   * metadata.namespace} and the {@value Resource#DEPENDS_ON} annotation as plain text: they name
   * the resource in plans and targets, so they are not secret.
   */
  public static Node.Obj revealIdentity(Node.Obj body) {
    Node.Obj out = body;
    for (String[] path : IDENTITY) {
      out = reveal(out, path, 0);
    }
    return reveal(out, new String[] {"metadata", "annotations", Resource.DEPENDS_ON}, 0);
  }

  private static Node.Obj reveal(Node.Obj obj, String[] path, int i) {
    Option<Node> child = obj.get(path[i]);
    if (child.isEmpty()) {
      return obj;
    }
    if (i == path.length - 1) {
      return child.get() instanceof Node.SecretText s
          ? obj.with(path[i], Node.str(s.secret().reveal()))
          : obj;
    }
    return child.get() instanceof Node.Obj o ? obj.with(path[i], reveal(o, path, i + 1)) : obj;
  }
}
