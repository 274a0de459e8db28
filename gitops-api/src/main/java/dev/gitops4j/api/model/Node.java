package dev.gitops4j.api.model;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An immutable JSON-compatible document tree: the body of a manifest as loaded from Git or observed
 * on a target.
 *
 * <p>Documents are built from Vavr persistent collections, so no code path (a target adapter, a
 * listener, a policy) can change a {@link dev.gitops4j.api.model.Resource} once it is loaded.
 * Integers and decimals are kept apart so that {@code 1} and {@code 1.0} survive a round trip.
 *
 * <pre>{@code
 * Node.Obj doc = Node.obj("kind", Node.str("ConfigMap"), "data", Node.obj("a", Node.num(1)));
 * doc.at("/data/a"); // Some(Int[1])
 * }</pre>
 */
public sealed interface Node {

  /**
   * A mapping with keys in insertion order.
   *
   * @param fields the values by key, in insertion order
   */
  record Obj(Map<String, Node> fields) implements Node {
    /** An empty mapping. */
    public static final Obj EMPTY = new Obj(LinkedHashMap.empty());

    /**
     * Checks that no component is null.
     *
     * @param fields the fields, in document order
     */
    public Obj {
      Objects.requireNonNull(fields, "fields");
    }

    /**
     * The value under {@code key}, if any.
     *
     * @param key the field name
     * @return the value under {@code key}, if any
     */
    public Option<Node> get(String key) {
      return fields.get(key);
    }

    /**
     * A copy with {@code key} set to {@code value}, keeping the key's position if present.
     *
     * @param key the field name
     * @param value the new value
     * @return a copy with {@code key} set to {@code value}, keeping the key's position if present
     */
    public Obj with(String key, Node value) {
      return new Obj(fields.put(key, value));
    }

    /**
     * A copy without {@code key}.
     *
     * @param key the field name
     * @return a copy without {@code key}
     */
    public Obj without(String key) {
      return new Obj(fields.remove(key));
    }
  }

  /**
   * An ordered sequence.
   *
   * @param items the elements, in order
   */
  record Arr(Vector<Node> items) implements Node {
    /** An empty sequence. */
    public static final Arr EMPTY = new Arr(Vector.empty());

    /**
     * Checks that no component is null.
     *
     * @param items the items, in order
     */
    public Arr {
      Objects.requireNonNull(items, "items");
    }
  }

  /**
   * A string.
   *
   * @param value the text, unescaped
   */
  record Str(String value) implements Node {
    /**
     * Checks that no component is null.
     *
     * @param value the text
     */
    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An integral number of any size.
   *
   * @param value the exact value, never rounded
   */
  record Int(BigInteger value) implements Node {
    /**
     * Checks that no component is null.
     *
     * @param value the integer
     */
    public Int {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A decimal number. Equality is numeric ({@code 1.50} equals {@code 1.5}), as JSON Patch's {@code
   * test} operation requires.
   *
   * @param value the number, trailing zeros ignored by equality
   */
  record Dec(BigDecimal value) implements Node {
    /**
     * Checks that no component is null.
     *
     * @param value the decimal
     */
    public Dec {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Dec d && d.value.compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
      return value.stripTrailingZeros().hashCode();
    }
  }

  /**
   * A boolean.
   *
   * @param value JSON {@code true} or {@code false}
   */
  record Bool(boolean value) implements Node {}

  /**
   * A secret string, such as a value decrypted from a SOPS file. It prints, serialises and compares
   * as {@value dev.gitops4j.api.secrets.Secret#REDACTED} everywhere except in the one place that
   * must see it: the write to the target, which reveals it on purpose.
   *
   * @param secret the secret value
   */
  record SecretText(dev.gitops4j.api.secrets.Secret secret) implements Node {
    /**
     * Checks that no component is null.
     *
     * @param secret the secret value
     */
    public SecretText {
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "SecretText[" + dev.gitops4j.api.secrets.Secret.REDACTED + "]";
    }
  }

  /** The explicit null value. */
  record Null() implements Node {
    /** The only instance needed. */
    public static final Null INSTANCE = new Null();
  }

  /**
   * A string node.
   *
   * @param value the text
   * @return a string node
   */
  static Str str(String value) {
    return new Str(value);
  }

  /**
   * An integer node.
   *
   * @param value the integer
   * @return an integer node
   */
  static Int num(long value) {
    return new Int(BigInteger.valueOf(value));
  }

  /**
   * A decimal node.
   *
   * @param value the decimal
   * @return a decimal node
   */
  static Dec num(BigDecimal value) {
    return new Dec(value);
  }

  /**
   * A boolean node.
   *
   * @param value the boolean
   * @return a boolean node
   */
  static Bool bool(boolean value) {
    return new Bool(value);
  }

  /**
   * The null node.
   *
   * @return the null node
   */
  static Null nil() {
    return Null.INSTANCE;
  }

  /**
   * A sequence of the given nodes.
   *
   * @param items the items, in order
   * @return a sequence of the given nodes
   */
  static Arr arr(Node... items) {
    return new Arr(Vector.of(items));
  }

  /**
   * A mapping from alternating keys and values: {@code obj("a", str("x"), "b", num(2))}.
   *
   * @param keysAndValues a {@code String} key, then its {@link Node} value, repeated
   * @throws IllegalArgumentException if the arguments do not alternate a String key and a Node
   * @return a mapping from alternating keys and values: {@code obj("a", str("x"), "b", num(2))}
   */
  static Obj obj(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("obj() takes alternating keys and values");
    }
    LinkedHashMap<String, Node> map = LinkedHashMap.empty();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (!(keysAndValues[i] instanceof String key) || !(keysAndValues[i + 1] instanceof Node v)) {
        throw new IllegalArgumentException(
            "obj() argument " + i + " must be a String key and a Node");
      }
      map = map.put(key, v);
    }
    return new Obj(map);
  }

  /**
   * The node at an RFC 6901 JSON Pointer ({@code ""} is this node, {@code "/a/0/b"} descends).
   *
   * @param pointer an RFC 6901 JSON Pointer
   * @return the node at an RFC 6901 JSON Pointer ({@code ""} is this node, {@code "/a/0/b"}
   *     descends)
   */
  default Option<Node> at(String pointer) {
    return JsonPointer.parse(pointer).flatMap(p -> JsonPointer.get(this, p));
  }

  /**
   * The string value if this is a {@link Str}.
   *
   * @return the string value if this is a {@link Str}
   */
  default Option<String> asText() {
    return this instanceof Str s ? Option.of(s.value()) : Option.none();
  }
}
