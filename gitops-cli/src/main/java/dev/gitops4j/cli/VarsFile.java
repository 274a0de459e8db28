package dev.gitops4j.cli;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.load.Documents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@code --vars-file}: {@code K=V} lines, or a YAML or JSON mapping of strings. */
final class VarsFile {
  private VarsFile() {}

  static Map<String, String> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --vars-file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new TreeMap<>();
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
      var docs = Documents.parse(file.toString(), text);
      if (docs.isLeft()) {
        throw new IllegalArgumentException(docs.getLeft().head().toString());
      }
      for (Node doc : docs.get()) {
        if (!(doc instanceof Node.Obj o)) {
          throw new IllegalArgumentException(
              file + ": --vars-file must hold a mapping of variables");
        }
        for (var e : o.fields()) {
          if (e._2 instanceof Node.Obj || e._2 instanceof Node.Arr || e._2 instanceof Node.Null) {
            throw new IllegalArgumentException(file + ": variable " + e._1 + " must be a scalar");
          }
          out.put(e._1, e._2.asText().getOrElse(() -> Documents.toJson(e._2).strip()));
        }
      }
      return out;
    }
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected K=V");
      }
      out.put(line.substring(0, eq).strip(), line.substring(eq + 1));
    }
    return out;
  }
}
