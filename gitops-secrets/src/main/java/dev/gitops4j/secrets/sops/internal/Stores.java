package dev.gitops4j.secrets.sops.internal;

import dev.gitops4j.secrets.sops.SopsFormat;
import dev.gitops4j.secrets.sops.internal.SNode.Entry;
import dev.gitops4j.secrets.sops.internal.SNode.SMap;
import dev.gitops4j.secrets.sops.internal.SNode.SScalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes each store, and takes the {@code sops} metadata out of or into a tree. */
public final class Stores {
  private Stores() {}

  /** A file split into its document and its metadata (empty map when there is none). */
  public record Split(SMap document, Map<String, Object> metadata) {}

  public static SMap read(SopsFormat format, byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    SNode tree =
        switch (format) {
          case YAML -> YamlStore.read(text);
          case JSON, BINARY -> JsonStore.read(text);
          case DOTENV -> FlatStores.readDotenv(text);
          case INI -> FlatStores.readIni(text);
        };
    if (!(tree instanceof SMap map)) {
      throw new IOException("the document is not a mapping");
    }
    return map;
  }

  /** Reads a plaintext file to encrypt: binary files become {@code {"data": text}}. */
  public static SMap readPlain(SopsFormat format, byte[] bytes) throws IOException {
    if (format == SopsFormat.BINARY) {
      SMap m = new SMap();
      m.entries().add(new Entry("data", new SScalar(new String(bytes, StandardCharsets.UTF_8))));
      return m;
    }
    return read(format, bytes);
  }

  @SuppressWarnings("unchecked")
  public static Split split(SopsFormat format, SMap tree) {
    SMap doc = new SMap(new java.util.ArrayList<>(tree.entries()));
    switch (format) {
      case INI -> {
        SNode sops = doc.get("sops");
        doc.remove("sops");
        Map<String, String> flat = new LinkedHashMap<>();
        if (sops instanceof SMap m) {
          for (Entry e : m.entries()) {
            if (e.key() != null) {
              flat.put(e.key(), Values.toText(((SScalar) e.value()).value()).replace("\\n", "\n"));
            }
          }
        }
        return new Split(doc, Metadata.unflatten(flat));
      }
      case DOTENV -> {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Iterator<Entry> it = doc.entries().iterator(); it.hasNext(); ) {
          Entry e = it.next();
          if (e.key() != null && e.key().startsWith("sops_")) {
            flat.put(e.key().substring(5), Values.toText(((SScalar) e.value()).value()));
            it.remove();
          }
        }
        return new Split(doc, Metadata.unflatten(flat));
      }
      default -> {
        SNode sops = doc.get("sops");
        doc.remove("sops");
        Object plain = sops == null ? Map.of() : Metadata.plain(sops);
        return new Split(doc, plain instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
      }
    }
  }

  /** Writes a document back with its metadata, in the layout of the sops tool. */
  public static String join(SopsFormat format, SMap doc, Map<String, Object> metadata) {
    SMap out = new SMap(new java.util.ArrayList<>(doc.entries()));
    switch (format) {
      case INI -> {
        SMap section = new SMap();
        Metadata.flatten(metadata)
            .forEach((k, v) -> section.entries().add(new Entry(k, new SScalar(v))));
        out.entries().add(new Entry("sops", section));
        return FlatStores.writeIni(out);
      }
      case DOTENV -> {
        Metadata.flatten(metadata)
            .forEach((k, v) -> out.entries().add(new Entry("sops_" + k, new SScalar(v))));
        return FlatStores.writeDotenv(out);
      }
      default -> {
        out.entries().add(new Entry("sops", Metadata.tree(metadata)));
        return format == SopsFormat.YAML ? YamlStore.write(out) : JsonStore.write(out);
      }
    }
  }

  /** Writes a plaintext document in its own format; binary gives back the raw text. */
  public static String write(SopsFormat format, SMap doc) {
    return switch (format) {
      case YAML -> YamlStore.write(doc);
      case JSON -> JsonStore.write(doc);
      case DOTENV -> FlatStores.writeDotenv(doc);
      case INI -> FlatStores.writeIni(doc);
      case BINARY -> {
        SNode data = doc.get("data");
        if (data instanceof SScalar s && s.value() != null) {
          yield Values.toText(s.value());
        }
        yield JsonStore.write(doc);
      }
    };
  }
}
