package dev.gitops4j.core.load.internal;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML reading with what manifests need and Jackson leaves out: the anchor of a scalar
 * ({@code image: &img nginx}), which Jackson's {@code getObjectId()} reports only for mappings and
 * sequences, and whether a scalar was written plain (an empty plain scalar is an empty document).
 */
final class YamlReading {
  private YamlReading() {}

  /** A factory whose parsers are {@link Parser}s. */
  static YAMLFactory factory(LoaderOptions options, StreamReadConstraints constraints) {
    return new Factory(
        YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints));
  }

  /** A YAML parser that remembers the last scalar's anchor and style. */
  static final class Parser extends YAMLParser {
    private @Nullable String scalarAnchor;
    private boolean plain;

    Parser(IOContext ctxt, int features, int yamlFeatures, LoaderOptions opts, Reader reader) {
      super(ctxt, features, yamlFeatures, opts, null, reader);
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
      scalarAnchor = scalar.getAnchor();
      plain = scalar.isPlain();
      return super._decodeScalar(scalar);
    }

    /** The anchor of the scalar just read, if it had one. */
    @Nullable String scalarAnchor() {
      return scalarAnchor;
    }

    /** Whether the scalar just read was plain (no quotes, no block indicator). */
    boolean plainScalar() {
      return plain;
    }
  }

  private static final class Factory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    Factory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) {
      return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, r);
    }
  }
}
