package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one document, by JSON Pointer ({@code /data/color}). Expected values may be
 * a {@link Node}, a String, a number or a boolean.
 */
public final class DocumentAssert extends AbstractAssert<DocumentAssert, Node.Obj> {
  private final String name;

  DocumentAssert(Node.Obj document, String name) {
    super(document, DocumentAssert.class);
    this.name = name;
  }

  /**
   * The field at {@code pointer} equals {@code expected}.
   *
   * @param pointer a JSON pointer into the document, such as {@code /data/color}
   * @param expected a {@code Node}, or a string, number or boolean converted to one
   * @return this assertion
   * @throws IllegalArgumentException if {@code expected} is of another type
   */
  public DocumentAssert withField(String pointer, Object expected) {
    isNotNull();
    Node want = toNode(expected);
    var got = actual.at(pointer);
    if (got.isEmpty()) {
      failWithMessage(
          "Expected %s to have %s = %s, but it has no such field", name, pointer, show(want));
    } else if (!got.get().equals(want)) {
      failWithMessage(
          "Expected %s to have %s = %s, but it is %s", name, pointer, show(want), show(got.get()));
    }
    return this;
  }

  /**
   * There is a field at {@code pointer}, of any value.
   *
   * @param pointer a JSON pointer into the document, such as {@code /data/color}
   * @return this assertion
   */
  public DocumentAssert hasField(String pointer) {
    isNotNull();
    if (actual.at(pointer).isEmpty()) {
      failWithMessage("Expected %s to have a field %s, but it has none", name, pointer);
    }
    return this;
  }

  /**
   * There is no field at {@code pointer}.
   *
   * @param pointer a JSON pointer into the document, such as {@code /data/color}
   * @return this assertion
   */
  public DocumentAssert withoutField(String pointer) {
    isNotNull();
    if (actual.at(pointer).isDefined()) {
      failWithMessage(
          "Expected %s to have no %s, but it is %s", name, pointer, show(actual.at(pointer).get()));
    }
    return this;
  }

  static Node toNode(Object value) {
    if (value instanceof Node n) {
      return n;
    }
    if (value instanceof String s) {
      return Node.str(s);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return Node.num(((Number) value).longValue());
    }
    if (value instanceof BigInteger b) {
      return new Node.Int(b);
    }
    if (value instanceof BigDecimal d) {
      return Node.num(d);
    }
    if (value instanceof Double || value instanceof Float) {
      return Node.num(BigDecimal.valueOf(((Number) value).doubleValue()));
    }
    if (value instanceof Boolean b) {
      return Node.bool(b);
    }
    throw new IllegalArgumentException(
        "expected values are Node, String, number or boolean, not " + value.getClass().getName());
  }

  private static String show(Node n) {
    return n instanceof Node.Str s ? "\"" + s.value() + "\"" : n.toString();
  }
}
