package dev.gitops4j.secrets.sops.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.gitops4j.secrets.sops.internal.SNode.Entry;
import dev.gitops4j.secrets.sops.internal.SNode.SList;
import dev.gitops4j.secrets.sops.internal.SNode.SMap;
import dev.gitops4j.secrets.sops.internal.SNode.SScalar;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/** JSON, with key order kept and tab indentation as the sops tool writes it. */
public final class JsonStore {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonStore() {}

  /** Reads one JSON value. */
  public static SNode read(String text) throws IOException {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("empty JSON document");
      }
      return read(p, t);
    }
  }

  private static SNode read(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> readArray(p);
      case VALUE_NUMBER_INT -> {
        BigInteger b = p.getBigIntegerValue();
        yield new SScalar(b.bitLength() < 64 ? (Object) b.longValue() : b);
      }
      case VALUE_NUMBER_FLOAT -> new SScalar(p.getDoubleValue());
      case VALUE_TRUE -> new SScalar(true);
      case VALUE_FALSE -> new SScalar(false);
      case VALUE_NULL -> new SScalar(null);
      default -> new SScalar(p.getText());
    };
  }

  private static SMap readObject(JsonParser p) throws IOException {
    SMap map = new SMap();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      map.entries().add(new Entry(key, read(p, p.nextToken())));
    }
    return map;
  }

  private static SList readArray(JsonParser p) throws IOException {
    SList list = new SList();
    JsonToken n;
    while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
      list.items().add(read(p, n));
    }
    return list;
  }

  /** Writes the tree with tab indentation; comments cannot be kept in JSON and are dropped. */
  public static String write(SNode tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      DefaultIndenter tab = new DefaultIndenter("\t", "\n");
      g.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(tab)
              .withArrayIndenter(tab)
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
      write(g, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static void write(JsonGenerator g, SNode node) throws IOException {
    if (node instanceof SMap m) {
      g.writeStartObject();
      for (Entry e : m.entries()) {
        if (e.key() != null) {
          g.writeFieldName(e.key());
          write(g, e.value());
        }
      }
      g.writeEndObject();
    } else if (node instanceof SList l) {
      g.writeStartArray();
      for (SNode item : l.items()) {
        if (!(item instanceof SNode.SComment)) {
          write(g, item);
        }
      }
      g.writeEndArray();
    } else {
      Object v = ((SScalar) node).value();
      if (v == null) {
        g.writeNull();
      } else if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else if (v instanceof Long l) {
        g.writeNumber(l);
      } else if (v instanceof BigInteger b) {
        g.writeNumber(b);
      } else if (v instanceof Double d) {
        g.writeNumber(d);
      } else {
        g.writeString(v.toString());
      }
    }
  }
}
