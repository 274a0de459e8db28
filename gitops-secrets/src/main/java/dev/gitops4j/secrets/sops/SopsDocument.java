package dev.gitops4j.secrets.sops;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.secrets.sops.internal.SNode;
import dev.gitops4j.secrets.sops.internal.Stores;
import dev.gitops4j.secrets.sops.internal.Values;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A decrypted SOPS file: the plaintext in its own format, and its values by key path. Its {@code
 * toString} shows no values.
 */
public final class SopsDocument {
  private final String name;
  private final SopsFormat format;
  private final SNode.SMap tree;

  SopsDocument(String name, SopsFormat format, SNode.SMap tree) {
    this.name = name;
    this.format = format;
    this.tree = tree;
  }

  /**
   * The file's format.
   *
   * @return the file's format
   */
  public SopsFormat format() {
    return format;
  }

  /**
   * What {@code sops -d} prints: the document in its own format without the metadata.
   *
   * @return what {@code sops -d} prints: the document in its own format without the metadata
   */
  public byte[] plaintext() {
    return Stores.write(format, tree).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The scalar at a JSON Pointer ({@code /db/password}, {@code /list/0}), as a secret.
   *
   * @param pointer a JSON Pointer into the document
   * @return the scalar at a JSON Pointer ({@code /db/password}, {@code /list/0}), as a secret
   */
  public Option<Secret> get(String pointer) {
    SNode node = tree;
    if (!pointer.isEmpty()) {
      for (String raw : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
        String token = raw.replace("~1", "/").replace("~0", "~");
        if (node instanceof SNode.SMap m) {
          node = m.get(token);
        } else if (node instanceof SNode.SList l && token.matches("\\d{1,9}")) {
          int i = Integer.parseInt(token);
          java.util.List<SNode> items =
              l.items().stream().filter(x -> !(x instanceof SNode.SComment)).toList();
          node = i < items.size() ? items.get(i) : null;
        } else {
          node = null;
        }
        if (node == null) {
          return Option.none();
        }
      }
    }
    if (node instanceof SNode.SScalar s && s.value() != null) {
      return Option.some(Secret.of(Values.toText(s.value())));
    }
    return Option.none();
  }

  /**
   * The document as a {@link Node} tree; values that were encrypted become secret text nodes, so
   * plans and logs show them redacted.
   *
   * @return the document as a {@link Node} tree; values that were encrypted become secret text
   *     nodes, so plans and logs show them redacted
   */
  public Node toNode() {
    return toNode(tree);
  }

  private static Node toNode(SNode n) {
    if (n instanceof SNode.SMap m) {
      LinkedHashMap<String, Node> fields = LinkedHashMap.empty();
      for (SNode.Entry e : m.entries()) {
        if (e.key() != null) {
          fields = fields.put(e.key(), toNode(e.value()));
        }
      }
      return new Node.Obj(fields);
    }
    if (n instanceof SNode.SList l) {
      Vector<Node> items = Vector.empty();
      for (SNode item : l.items()) {
        if (!(item instanceof SNode.SComment)) {
          items = items.append(toNode(item));
        }
      }
      return new Node.Arr(items);
    }
    SNode.SScalar s = (SNode.SScalar) n;
    Object v = s.value();
    if (s.secret() && v != null) {
      return new Node.SecretText(Secret.of(Values.toText(v)));
    }
    if (v == null) {
      return Node.nil();
    }
    if (v instanceof Boolean b) {
      return Node.bool(b);
    }
    if (v instanceof Long l) {
      return Node.num(l);
    }
    if (v instanceof BigInteger b) {
      return new Node.Int(b);
    }
    if (v instanceof Double d) {
      return Node.num(BigDecimal.valueOf(d));
    }
    return Node.str(v.toString());
  }

  @Override
  public String toString() {
    return "SopsDocument[" + name + ", " + format + "]";
  }
}
