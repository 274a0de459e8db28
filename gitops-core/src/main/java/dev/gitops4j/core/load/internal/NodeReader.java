package dev.gitops4j.core.load.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.gitops4j.api.model.JsonPointer;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a token stream (YAML or JSON) into {@link Node} trees, one document at a time.
 *
 * <p>Unlike Jackson's own tree model it reports duplicate keys with their line, expands YAML
 * anchors, aliases and {@code <<} merge keys, and bounds how much aliases may expand, so an alias
 * bomb ("billion laughs") is a problem instead of an out-of-memory error. Lines are kept for the
 * keys of the top level and {@code metadata}, and for the same keys of each entry of {@code items}
 * (the entries of a {@code List} kind).
 */
public final class NodeReader {
  /** Items of a {@code List} kind: their lines are kept as if each were a document. */
  private static final String ITEMS = "/items/";

  private static final String LABELS = "/metadata/labels/";

  private final JsonParser parser;
  private final String file;
  private final long maxExpandedNodes;
  private final Canonical canonical;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Sized> anchors = new HashMap<>();
  private Map<String, Integer> keyLines = new HashMap<>();
  private long expanded;
  private boolean aborted;

  private record Sized(Node node, long size) {}

  /** Thrown to abandon a document whose aliases expand past the limit. */
  private static final class ExpansionLimit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExpansionLimit() {
      super(null, null, false, false);
    }
  }

  /**
   * @param maxExpandedNodes how many nodes a document may hold once aliases are expanded
   */
  public NodeReader(JsonParser parser, String file, long maxExpandedNodes) {
    this(parser, file, maxExpandedNodes, new Canonical(0));
  }

  NodeReader(JsonParser parser, String file, long maxExpandedNodes, Canonical canonical) {
    this.parser = parser;
    this.file = file;
    this.maxExpandedNodes = maxExpandedNodes;
    this.canonical = canonical;
  }

  /** Problems found so far (duplicate keys, unknown or exploding aliases). */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The next document, or {@code null} at the end of the stream or after a document whose aliases
   * expanded past the limit (the rest of the file is not read). Empty documents come back as a
   * document whose node is {@link Node.Null}.
   *
   * @throws IOException on a syntax error (a {@link com.fasterxml.jackson.core.JacksonException}
   *     with a location)
   */
  public @Nullable ParsedDocument next() throws IOException {
    if (aborted) {
      return null;
    }
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    JsonLocation start = parser.currentTokenLocation();
    keyLines = new HashMap<>();
    anchors.clear();
    expanded = 0;
    try {
      Sized value = read(token, "", 0);
      return new ParsedDocument(
          value.node(), start.getLineNr(), start.getColumnNr(), Map.copyOf(keyLines));
    } catch (ExpansionLimit e) {
      problems.add(
          Problem.at(
              file,
              start.getLineNr(),
              start.getColumnNr(),
              "alias-limit",
              "YAML aliases expand this document past "
                  + maxExpandedNodes
                  + " nodes (an alias bomb?)"));
      aborted = true;
      return null;
    }
  }

  private Sized read(JsonToken token, String pointer, int depth) throws IOException {
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      String name = yaml.getText();
      Sized target = anchors.get(name);
      if (target == null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(
            Problem.at(
                file,
                at.getLineNr(),
                at.getColumnNr(),
                "yaml-syntax",
                "alias *" + name + " refers to no anchor"));
        return new Sized(Node.nil(), 1);
      }
      count(target.size());
      return target;
    }
    String anchor =
        token.isScalarValue() && parser instanceof YamlReading.Parser yaml
            ? yaml.scalarAnchor()
            : parser.getObjectId() instanceof String s ? s : null;
    Sized value =
        switch (token) {
          case START_OBJECT -> readObject(pointer, depth);
          case START_ARRAY -> readArray(pointer, depth);
          case VALUE_STRING -> new Sized(string(pointer, depth), 1);
          case VALUE_NUMBER_INT -> new Sized(new Node.Int(parser.getBigIntegerValue()), 1);
          case VALUE_NUMBER_FLOAT -> new Sized(decimal(), 1);
          case VALUE_TRUE -> new Sized(Node.bool(true), 1);
          case VALUE_FALSE -> new Sized(Node.bool(false), 1);
          case VALUE_NULL -> new Sized(Node.nil(), 1);
          default -> new Sized(Node.str(parser.getText()), 1);
        };
    if (token.isScalarValue()) {
      count(1);
    }
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  /** A string; an empty plain scalar as a whole document is an empty document, not "". */
  private Node string(String pointer, int depth) throws IOException {
    String text = parser.getText();
    if (depth == 0
        && text.isEmpty()
        && parser instanceof YamlReading.Parser yaml
        && yaml.plainScalar()) {
      return Node.nil();
    }
    return identifying(pointer) ? canonical.node(text) : Node.str(text);
  }

  /**
   * Whether a value names a resource's type, place or labels ({@code apiVersion}, {@code kind},
   * {@code metadata.namespace}, the values of {@code metadata.labels}, also in the items of a
   * {@code List}): values that repeat across manifests and are never secret, so they may be shared.
   */
  private static boolean identifying(String pointer) {
    String p = pointer;
    if (p.startsWith(ITEMS)) {
      int slash = p.indexOf('/', ITEMS.length());
      p = slash < 0 ? "" : p.substring(slash);
    }
    return p.equals("/apiVersion")
        || p.equals("/kind")
        || p.equals("/metadata/namespace")
        || (p.startsWith(LABELS) && p.indexOf('/', LABELS.length()) < 0);
  }

  /**
   * A decimal; YAML's {@code .inf}, {@code -.inf} and {@code .nan} have no JSON form, so they stay
   * the text they were written as.
   */
  private Node decimal() throws IOException {
    String text = parser.getText();
    String bare = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    if (bare.equalsIgnoreCase(".inf") || bare.equalsIgnoreCase(".nan")) {
      return Node.str(text);
    }
    double d = parser.getDoubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Node.str(text);
    }
    return new Node.Dec(parser.getDecimalValue());
  }

  private Sized readObject(String pointer, int depth) throws IOException {
    LinkedHashMap<String, Node> fields = LinkedHashMap.empty();
    LinkedHashMap<String, Node> merged = LinkedHashMap.empty();
    long size = 1;
    count(1);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = canonical.of(parser.currentName());
      boolean kept = tracked(pointer, depth);
      boolean merge = key.equals("<<") && parser instanceof YAMLParser;
      boolean duplicate = !merge && fields.containsKey(key);
      JsonLocation at =
          kept || merge || duplicate ? parser.currentTokenLocation() : JsonLocation.NA;
      String child = kept || labels(pointer) ? pointer + "/" + JsonPointer.escape(key) : "";
      if (kept) {
        keyLines.putIfAbsent(child, at.getLineNr());
      }
      Sized value = read(parser.nextToken(), child, depth + 1);
      size += value.size();
      if (merge) {
        if (!mergeable(value.node())) {
          problems.add(
              Problem.at(
                  file,
                  at.getLineNr(),
                  at.getColumnNr(),
                  "yaml-syntax",
                  "merge key '<<' needs a mapping or a sequence of mappings, not "
                      + Fields.describe(value.node())));
        }
        merged = mergeInto(merged, value.node());
        continue;
      }
      if (duplicate) {
        problems.add(
            Problem.at(
                file,
                at.getLineNr(),
                at.getColumnNr(),
                "duplicate-key",
                "key '" + key + "' appears twice in the same mapping"));
      }
      fields = fields.put(key, value.node());
    }
    for (var e : merged) {
      if (!fields.containsKey(e._1)) {
        fields = fields.put(e._1, e._2);
      }
    }
    return new Sized(new Node.Obj(fields), size);
  }

  private static boolean mergeable(Node source) {
    return source instanceof Node.Obj
        || (source instanceof Node.Arr a && a.items().forAll(Node.Obj.class::isInstance));
  }

  private static LinkedHashMap<String, Node> mergeInto(
      LinkedHashMap<String, Node> merged, Node source) {
    if (source instanceof Node.Obj o) {
      for (var e : o.fields()) {
        if (!merged.containsKey(e._1)) {
          merged = merged.put(e._1, e._2);
        }
      }
    } else if (source instanceof Node.Arr a) {
      for (Node n : a.items()) {
        merged = mergeInto(merged, n);
      }
    }
    return merged;
  }

  private Sized readArray(String pointer, int depth) throws IOException {
    Vector<Node> items = Vector.empty();
    long size = 1;
    count(1);
    JsonToken t;
    int i = 0;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
      String child = tracked(pointer, depth) ? pointer + "/" + i : "";
      i++;
      if (depth == 1 && pointer.equals("/items")) {
        keyLines.putIfAbsent(child, parser.currentTokenLocation().getLineNr());
      }
      Sized value = read(t, child, depth + 1);
      size += value.size();
      items = items.append(value.node());
    }
    return new Sized(new Node.Arr(items), size);
  }

  /**
   * Whether the children of the node at {@code pointer} need their own pointer: their lines are
   * kept, or their values may be identifying ({@link #identifying}). Deeper nodes get none, which
   * spares a string per node.
   */
  private static boolean tracked(String pointer, int depth) {
    return depth < 2 || (depth < 4 && pointer.startsWith(ITEMS));
  }

  /** Whether {@code pointer} is the labels of a manifest (or of an item of a {@code List}). */
  private static boolean labels(String pointer) {
    return pointer.equals("/metadata/labels")
        || (pointer.startsWith(ITEMS)
            && pointer.endsWith("/metadata/labels")
            && pointer.indexOf('/', ITEMS.length())
                == pointer.length() - "/metadata/labels".length());
  }

  private void count(long nodes) {
    expanded += nodes;
    if (expanded > maxExpandedNodes) {
      throw new ExpansionLimit();
    }
  }
}
