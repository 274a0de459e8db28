package dev.gitops4j.core.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.load.internal.FileParser;
import dev.gitops4j.core.load.internal.ParsedDocument;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Reads and writes {@link Node} documents as YAML and JSON, and writes canonical JSON. Writing then
 * reading a document gives an equal document.
 */
public final class Documents {
  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .stringQuotingChecker(new BreakQuoting())
          .build();
  private static final JsonFactory JSON = new JsonFactory();
  private static final FileParser PARSER = new FileParser(64L << 20, 10_000_000);

  private Documents() {}

  /**
   * Quotes strings holding a character that YAML 1.1 readers take for a line break (NEL, LS, PS) or
   * that SnakeYAML would fold, so writing then reading gives the same text.
   */
  private static final class BreakQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\r' || c == '\t') {
          return true;
        }
      }
      return super.needToQuoteValue(value);
    }
  }

  /**
   * The document as block-style YAML, ending with a newline.
   *
   * @param node the document (or any node) to write; secret text is written redacted
   * @return YAML text without a {@code ---} marker, with strings that look like numbers quoted
   */
  public static String toYaml(Node node) {
    return write(YAML, node, false);
  }

  /**
   * The document as pretty-printed JSON.
   *
   * @param node the document (or any node) to write; secret text is written redacted
   * @return JSON indented by two spaces, ending with a newline, keys in the document's order
   */
  public static String toJson(Node node) {
    return write(JSON, node, true);
  }

  /**
   * The document as compact JSON with mapping keys sorted: equal documents, equal text.
   *
   * @param node the document (or any node) to write; secret text is written redacted, so two
   *     documents differing only in a secret value give the same text
   * @return one line of JSON followed by a newline, fit for hashing and comparing
   */
  public static String toCanonicalJson(Node node) {
    return write(JSON, canonical(node), false);
  }

  /**
   * Parses text as YAML or JSON (by {@code name}'s extension: {@code .json} is JSON, anything else
   * YAML) into its documents, or the problems found, named after {@code name}.
   *
   * @param name the file name that chooses the format and that problems name, such as {@code
   *     apps/web.yaml}
   * @param text the file's whole text; may hold several YAML documents
   * @return the documents in file order, or every problem found (with line numbers) when the text
   *     does not parse
   */
  public static Either<Seq<Problem>, Seq<Node>> parse(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    FileParser.Result result = PARSER.parse(name, bytes.length, () -> bytes);
    if (!result.problems().isEmpty()) {
      return Either.left(result.problems());
    }
    return Either.right(result.documents().map(ParsedDocument::node));
  }

  private static Node canonical(Node node) {
    if (node instanceof Node.Obj o) {
      return new Node.Obj(
          io.vavr.collection.LinkedHashMap.ofAll(new TreeMap<>(o.fields().toJavaMap()))
              .mapValues(Documents::canonical));
    }
    if (node instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(Documents::canonical));
    }
    return node;
  }

  private static String write(JsonFactory factory, Node node, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = factory.createGenerator(out)) {
      if (pretty) {
        gen.setPrettyPrinter(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      }
      write(gen, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = out.toString();
    return text.endsWith("\n") ? text : text + "\n";
  }

  /**
   * The document with every {@link Node.SecretText} replaced by its plain value: what a target must
   * write. Call it only at the write; everywhere else secrets stay redacted.
   *
   * @param node the document to reveal; left unchanged
   * @return a copy holding the secrets' plain values; never log or store it
   */
  public static Node.Obj reveal(Node.Obj node) {
    return (Node.Obj) revealAny(node);
  }

  private static Node revealAny(Node node) {
    if (node instanceof Node.SecretText s) {
      return Node.str(s.secret().reveal());
    }
    if (node instanceof Node.Obj o) {
      return new Node.Obj(o.fields().mapValues(Documents::revealAny));
    }
    if (node instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(Documents::revealAny));
    }
    return node;
  }

  /**
   * Writes one node to a Jackson generator; secret text is written redacted.
   *
   * @param gen the generator to write to, positioned where a value may go; left open
   * @param node the node to write, with everything under it
   * @throws IOException if the generator cannot write
   */
  public static void write(JsonGenerator gen, Node node) throws IOException {
    if (node instanceof Node.Obj o) {
      gen.writeStartObject();
      for (var e : o.fields()) {
        gen.writeFieldName(e._1);
        write(gen, e._2);
      }
      gen.writeEndObject();
    } else if (node instanceof Node.Arr a) {
      gen.writeStartArray();
      for (Node item : a.items()) {
        write(gen, item);
      }
      gen.writeEndArray();
    } else if (node instanceof Node.Str s) {
      gen.writeString(s.value());
    } else if (node instanceof Node.Int i) {
      gen.writeNumber(i.value());
    } else if (node instanceof Node.Dec d) {
      gen.writeNumber(d.value());
    } else if (node instanceof Node.Bool b) {
      gen.writeBoolean(b.value());
    } else if (node instanceof Node.SecretText) {
      gen.writeString(dev.gitops4j.api.secrets.Secret.REDACTED);
    } else {
      gen.writeNull();
    }
  }
}
