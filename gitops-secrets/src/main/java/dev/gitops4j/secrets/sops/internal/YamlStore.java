package dev.gitops4j.secrets.sops.internal;

import dev.gitops4j.secrets.sops.internal.SNode.Entry;
import dev.gitops4j.secrets.sops.internal.SNode.SComment;
import dev.gitops4j.secrets.sops.internal.SNode.SList;
import dev.gitops4j.secrets.sops.internal.SNode.SMap;
import dev.gitops4j.secrets.sops.internal.SNode.SScalar;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** YAML with comments, through SnakeYAML's node graph (comments keep their place). */
public final class YamlStore {
  private YamlStore() {}

  /** Reads one YAML document. */
  public static SNode read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true);
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Node root = new Yaml(options).compose(new StringReader(text));
    if (root == null) {
      return new SMap();
    }
    return convert(root);
  }

  private static SNode convert(Node node) {
    if (node instanceof MappingNode m) {
      SMap map = new SMap();
      for (NodeTuple t : m.getValue()) {
        comments(t.getKeyNode().getBlockComments(), map.entries(), null);
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        map.entries().add(new Entry(key, convert(t.getValueNode())));
      }
      comments(m.getEndComments(), map.entries(), null);
      return map;
    }
    if (node instanceof SequenceNode s) {
      SList list = new SList();
      for (Node item : s.getValue()) {
        comments(item.getBlockComments(), null, list.items());
        list.items().add(convert(item));
      }
      comments(s.getEndComments(), null, list.items());
      return list;
    }
    ScalarNode scalar = (ScalarNode) node;
    return new SScalar(scalarValue(scalar));
  }

  private static void comments(
      @Nullable List<CommentLine> lines,
      @Nullable List<Entry> entries,
      @Nullable List<SNode> items) {
    if (lines == null) {
      return;
    }
    for (CommentLine c : lines) {
      if (c.getCommentType() == CommentType.BLANK_LINE) {
        continue;
      }
      if (entries != null) {
        entries.add(new Entry(null, new SComment(c.getValue())));
      } else if (items != null) {
        items.add(new SComment(c.getValue()));
      }
    }
  }

  private static @Nullable Object scalarValue(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    try {
      if (tag.equals(Tag.NULL)) {
        return null;
      }
      if (tag.equals(Tag.BOOL)) {
        String l = v.toLowerCase(Locale.ROOT);
        return l.equals("true") || l.equals("yes") || l.equals("on") || l.equals("y");
      }
      if (tag.equals(Tag.INT)) {
        String d = v.replace("_", "");
        BigInteger b = new BigInteger(d);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
      }
      if (tag.equals(Tag.FLOAT)) {
        return Double.parseDouble(v.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      return v;
    }
    return v;
  }

  /** Writes a tree as block YAML with four-space indentation, as the sops tool does. */
  public static String write(SNode tree) {
    DumperOptions options = new DumperOptions();
    options.setProcessComments(true);
    options.setIndent(4);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(toNode(tree), out);
    return out.toString();
  }

  private static Node toNode(SNode node) {
    if (node instanceof SMap m) {
      List<NodeTuple> tuples = new ArrayList<>();
      List<CommentLine> pending = new ArrayList<>();
      for (Entry e : m.entries()) {
        if (e.key() == null) {
          pending.add(comment(((SComment) e.value()).text()));
          continue;
        }
        ScalarNode key =
            new ScalarNode(Tag.STR, e.key(), null, null, DumperOptions.ScalarStyle.PLAIN);
        if (!pending.isEmpty()) {
          key.setBlockComments(pending);
          pending = new ArrayList<>();
        }
        tuples.add(new NodeTuple(key, toNode(e.value())));
      }
      MappingNode out = new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
      if (!pending.isEmpty()) {
        out.setEndComments(pending);
      }
      return out;
    }
    if (node instanceof SList l) {
      List<Node> items = new ArrayList<>();
      List<CommentLine> pending = new ArrayList<>();
      for (SNode item : l.items()) {
        if (item instanceof SComment c) {
          pending.add(comment(c.text()));
          continue;
        }
        Node n = toNode(item);
        if (!pending.isEmpty()) {
          n.setBlockComments(pending);
          pending = new ArrayList<>();
        }
        items.add(n);
      }
      SequenceNode out = new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
      if (!pending.isEmpty()) {
        out.setEndComments(pending);
      }
      return out;
    }
    Object v = ((SScalar) node).value();
    if (v == null) {
      return new ScalarNode(Tag.NULL, "null", null, null, DumperOptions.ScalarStyle.PLAIN);
    }
    if (v instanceof Boolean b) {
      return new ScalarNode(Tag.BOOL, b.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
    }
    if (v instanceof Long || v instanceof BigInteger) {
      return new ScalarNode(Tag.INT, v.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
    }
    if (v instanceof Double d) {
      String text = Values.toText(d);
      if (!text.contains(".")
          && !text.contains("e")
          && !text.contains("Inf")
          && !text.contains("NaN")) {
        text = text + ".0";
      }
      return new ScalarNode(Tag.FLOAT, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
    String s = v.toString();
    DumperOptions.ScalarStyle style =
        s.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN;
    return new ScalarNode(Tag.STR, s, null, null, style);
  }

  private static CommentLine comment(String text) {
    return new CommentLine(null, null, text, CommentType.BLOCK);
  }
}
