package dev.gitops4j.secrets.sops.internal;

import dev.gitops4j.secrets.sops.internal.SNode.Entry;
import dev.gitops4j.secrets.sops.internal.SNode.SComment;
import dev.gitops4j.secrets.sops.internal.SNode.SMap;
import dev.gitops4j.secrets.sops.internal.SNode.SScalar;
import java.io.IOException;

/**
 * dotenv ({@code KEY=value}, {@code #} comments) and INI ({@code [section]}, {@code key = value},
 * {@code ;} or {@code #} comments, {@code """} multi-line values).
 */
public final class FlatStores {
  private FlatStores() {}

  /** Reads dotenv text into a flat mapping; {@code \n} in values becomes a newline. */
  public static SMap readDotenv(String text) throws IOException {
    SMap map = new SMap();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        map.entries().add(new Entry(null, new SComment(line.substring(1))));
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IOException("line " + n + ": expected KEY=value");
      }
      map.entries()
          .add(
              new Entry(
                  line.substring(0, eq), new SScalar(line.substring(eq + 1).replace("\\n", "\n"))));
    }
    return map;
  }

  /** Writes a flat mapping as dotenv. */
  public static String writeDotenv(SMap map) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : map.entries()) {
      if (e.key() == null) {
        sb.append('#').append(((SComment) e.value()).text()).append('\n');
      } else {
        sb.append(e.key()).append('=').append(text(e.value()).replace("\n", "\\n")).append('\n');
      }
    }
    return sb.toString();
  }

  /** Reads INI text into a mapping of sections; comments belong to the section below them. */
  public static SMap readIni(String text) throws IOException {
    SMap root = new SMap();
    SMap section = null;
    java.util.List<Entry> pendingComments = new java.util.ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith(";") || line.startsWith("#")) {
        Entry c = new Entry(null, new SComment(line.substring(1).strip()));
        pendingComments.add(c);
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = new SMap();
        section.entries().addAll(pendingComments);
        pendingComments.clear();
        root.entries().add(new Entry(line.substring(1, line.length() - 1).strip(), section));
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || section == null) {
        throw new IOException("line " + (i + 1) + ": expected [section] or key = value");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.startsWith("\"\"\"")) {
        StringBuilder v = new StringBuilder(value.substring(3));
        while (!v.toString().endsWith("\"\"\"")) {
          if (++i >= lines.length) {
            throw new IOException("unterminated \"\"\" value for key " + key);
          }
          v.append('\n').append(lines[i]);
        }
        value = v.substring(0, v.length() - 3);
      }
      section.entries().addAll(pendingComments);
      pendingComments.clear();
      section.entries().add(new Entry(key, new SScalar(value)));
    }
    if (section != null) {
      section.entries().addAll(pendingComments);
    }
    return root;
  }

  /** Writes a mapping of sections as INI; multi-line values are quoted with {@code """}. */
  public static String writeIni(SMap root) {
    StringBuilder sb = new StringBuilder();
    for (Entry s : root.entries()) {
      if (s.key() == null) {
        continue;
      }
      java.util.List<Entry> entries = ((SMap) s.value()).entries();
      int i = 0;
      while (i < entries.size() && entries.get(i).key() == null) {
        sb.append("; ").append(((SComment) entries.get(i).value()).text()).append('\n');
        i++;
      }
      sb.append('[').append(s.key()).append("]\n");
      for (; i < entries.size(); i++) {
        Entry e = entries.get(i);
        if (e.key() == null) {
          sb.append("; ").append(((SComment) e.value()).text()).append('\n');
          continue;
        }
        String v = text(e.value());
        sb.append(e.key())
            .append(" = ")
            .append(v.contains("\n") ? "\"\"\"" + v + "\"\"\"" : v)
            .append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String text(SNode node) {
    Object v = ((SScalar) node).value();
    return v == null ? "" : Values.toText(v);
  }
}
