package dev.gitops4j.core.load.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops4j.api.model.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the bytes of one file into documents or problems: checks size and UTF-8, then parses YAML
 * (all documents) or JSON. Stateless and thread-safe.
 */
public final class FileParser {
  /** The documents of a file and the problems found in it. */
  public record Result(Seq<ParsedDocument> documents, Seq<Problem> problems) {}

  private final long maxFileSize;
  private final long maxExpandedNodes;
  private final YAMLFactory yaml;
  private final JsonFactory json;
  private final Canonical canonical = new Canonical(16_384);

  /** A parser with the given limits. */
  public FileParser(long maxFileSize, long maxExpandedNodes) {
    this.maxFileSize = maxFileSize;
    this.maxExpandedNodes = maxExpandedNodes;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxFileSize));
    StreamReadConstraints constraints =
        StreamReadConstraints.builder().maxNestingDepth(200).build();
    this.yaml = YamlReading.factory(options, constraints);
    this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  /** Whether this parser reads files with that path's extension. */
  public static boolean handles(String path) {
    return endsWithIgnoringCase(path, ".yaml")
        || endsWithIgnoringCase(path, ".yml")
        || endsWithIgnoringCase(path, ".json");
  }

  private static boolean endsWithIgnoringCase(String s, String suffix) {
    return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
  }

  /** Parses one file; {@code size} is checked before the content is read. */
  public Result parse(String path, long size, java.util.function.Supplier<byte[]> content) {
    if (size > maxFileSize) {
      return problem(
          Problem.at(
              path,
              1,
              1,
              "file-too-large",
              "file is " + size + " bytes; the limit is " + maxFileSize));
    }
    byte[] bytes = content.get();
    String text;
    try {
      text = decodeUtf8(bytes);
    } catch (CharacterCodingException e) {
      int offset = firstInvalidOffset(bytes);
      return problem(
          Problem.at(
              path,
              lineAt(bytes, offset),
              1,
              "encoding",
              "not valid UTF-8: byte 0x"
                  + String.format("%02X", bytes[offset] & 0xff)
                  + " at offset "
                  + offset));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    boolean isJson = path.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    List<ParsedDocument> docs = List.empty();
    List<Problem> problems = List.empty();
    try (JsonParser parser =
        isJson
            ? json.createParser(text)
            : yaml.createParser(new StringReader(TrailingTabs.strip(text)))) {
      NodeReader reader = new NodeReader(parser, path, maxExpandedNodes, canonical);
      try {
        ParsedDocument doc;
        while ((doc = reader.next()) != null) {
          docs = docs.prepend(doc);
        }
      } catch (JacksonException e) {
        problems = problems.prepend(syntaxProblem(path, isJson, e));
      }
      problems = List.ofAll(reader.problems()).appendAll(problems.reverse());
    } catch (IOException e) {
      problems =
          problems.append(Problem.at(path, 1, 1, "yaml-syntax", String.valueOf(e.getMessage())));
    }
    Option<Integer> template = Templates.lineOf(text, !problems.isEmpty());
    if (template.isDefined()) {
      return problem(
          Problem.at(
              path,
              template.get(),
              1,
              "template",
              "this file is a template ({{ ... }}), not a manifest: render it first (helm"
                  + " template) or leave it out with .gitops4jignore"));
    }
    return new Result(docs.reverse(), problems);
  }

  private static Result problem(Problem p) {
    return new Result(List.empty(), List.of(p));
  }

  private static Problem syntaxProblem(String path, boolean isJson, JacksonException e) {
    JsonLocation at = e.getLocation();
    int line = at == null ? 1 : Math.max(1, at.getLineNr());
    int column = at == null ? 1 : Math.max(1, at.getColumnNr());
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      line = marked.getProblemMark().getLine() + 1;
      column = marked.getProblemMark().getColumn() + 1;
    }
    return Problem.at(path, line, column, isJson ? "json-syntax" : "yaml-syntax", cleanMessage(e));
  }

  /** The parser's message on one line, without its quoting of the source. */
  static String cleanMessage(JacksonException e) {
    String raw = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    StringBuilder out = new StringBuilder();
    for (String line : raw.split("\\R", -1)) {
      String t = line.strip();
      if (t.isEmpty()
          || t.startsWith("in 'reader'")
          || t.startsWith("^")
          || line.startsWith("    ")) {
        continue;
      }
      if (t.startsWith("at [Source")) {
        break;
      }
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(t);
    }
    return out.length() == 0
        ? "malformed document"
        : PARSER_EVENT.matcher(out).replaceAll(m -> eventName(m.group(1)));
  }

  private static final java.util.regex.Pattern PARSER_EVENT =
      java.util.regex.Pattern.compile(
          "org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event(?:\\([^)]*\\))?");

  /** {@code MappingStart} as {@code a mapping}, and so on: the parser's event, in words. */
  private static String eventName(String event) {
    return switch (event) {
      case "MappingStart" -> "the start of a mapping";
      case "MappingEnd" -> "the end of a mapping";
      case "SequenceStart" -> "the start of a sequence";
      case "SequenceEnd" -> "the end of a sequence";
      case "Scalar" -> "a scalar";
      case "Alias" -> "an alias";
      case "DocumentStart" -> "the start of a document";
      case "DocumentEnd" -> "the end of a document";
      default -> "YAML";
    };
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decoder.decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static int firstInvalidOffset(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : 0;
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
