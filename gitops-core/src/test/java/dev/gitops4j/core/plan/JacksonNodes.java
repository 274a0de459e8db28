package dev.gitops4j.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops4j.api.model.Node;
import io.vavr.collection.Vector;

/** Conformance data read with Jackson, turned into {@link Node}s number for number. */
final class JacksonNodes {
  private JacksonNodes() {}

  static Node toNode(JsonNode n) {
    if (n.isObject()) {
      Node.Obj o = Node.Obj.EMPTY;
      for (var e : n.properties()) {
        o = o.with(e.getKey(), toNode(e.getValue()));
      }
      return o;
    }
    if (n.isArray()) {
      Vector<Node> items = Vector.empty();
      for (JsonNode c : n) {
        items = items.append(toNode(c));
      }
      return new Node.Arr(items);
    }
    if (n.isIntegralNumber()) {
      return new Node.Int(n.bigIntegerValue());
    }
    if (n.isNumber()) {
      return Node.num(n.decimalValue());
    }
    if (n.isBoolean()) {
      return Node.bool(n.booleanValue());
    }
    return n.isNull() ? Node.nil() : Node.str(n.asText());
  }
}
