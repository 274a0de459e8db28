package dev.gitops4j.core.load.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Expands {@code List} kinds ({@code List}, {@code ConfigMapList}, {@code RoleList}, ...) into
 * their {@code items}, as {@code kubectl apply} does: a document whose {@code kind} ends in {@code
 * List} and whose {@code items} is a sequence stands for its items, each at its own line.
 */
public final class ListKinds {
  private static final String ITEMS = "/items/";

  private ListKinds() {}

  /** The items of a list document, each as a document of its own; any other document alone. */
  public static Seq<ParsedDocument> expand(ParsedDocument doc) {
    if (!(doc.node() instanceof Node.Obj body)
        || !body.get("kind").flatMap(Node::asText).exists(k -> k.endsWith("List"))
        || !(body.get("items").getOrNull() instanceof Node.Arr items)) {
      return List.of(doc);
    }
    java.util.List<Map<String, Integer>> lines = new ArrayList<>(items.items().size());
    for (int i = 0; i < items.items().size(); i++) {
      lines.add(new HashMap<>());
    }
    for (Map.Entry<String, Integer> e : doc.keyLines().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(ITEMS)) {
        continue;
      }
      int slash = key.indexOf('/', ITEMS.length());
      String index =
          slash < 0 ? key.substring(ITEMS.length()) : key.substring(ITEMS.length(), slash);
      int i = Integer.parseInt(index);
      lines.get(i).put(slash < 0 ? "" : key.substring(slash), e.getValue());
    }
    java.util.List<ParsedDocument> out = new ArrayList<>(lines.size());
    int i = 0;
    for (Node item : items.items()) {
      Map<String, Integer> keys = lines.get(i++);
      Integer line = keys.remove("");
      out.add(new ParsedDocument(item, line == null ? doc.line() : line, 1, Map.copyOf(keys)));
    }
    return List.ofAll(out);
  }
}
