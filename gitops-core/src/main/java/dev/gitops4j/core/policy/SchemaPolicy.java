package dev.gitops4j.core.policy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Locale;

/**
 * JSON Schema validation of every resource of one kind (draft 2020-12 unless the schema names
 * another {@code $schema}), with networknt's json-schema-validator. Each violation is a {@code
 * schema} problem naming the field. Useful for custom resources, whose shape nothing else checks.
 *
 * <pre>{@code
 * Policy p = SchemaPolicy.of("Widget", "schemas/widget.json", Files.readString(path));
 * }</pre>
 */
public final class SchemaPolicy implements Policy {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final String kind;
  private final String source;
  private final Schema schema;

  private SchemaPolicy(String kind, String source, Schema schema) {
    this.kind = kind;
    this.source = source;
    this.schema = schema;
  }

  /**
   * Validates resources of {@code kind} against a schema given as JSON or YAML text; {@code source}
   * names it in problems.
   *
   * @param kind the kind validated, such as {@code Widget}; other kinds are not checked
   * @param source where the schema comes from, such as its repository path; a name ending in {@code
   *     .json} is parsed as JSON, anything else as YAML
   * @param schemaText the schema itself
   * @return a policy for every resource of that kind
   * @throws IllegalArgumentException if the schema cannot be read
   */
  public static SchemaPolicy of(String kind, String source, String schemaText) {
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    try {
      Schema schema = REGISTRY.getSchema(schemaText, json ? InputFormat.JSON : InputFormat.YAML);
      schema.initializeValidators();
      return new SchemaPolicy(kind, source, schema);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "schema " + source + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public Seq<Problem> check(DesiredState state) {
    List<Problem> out = List.empty();
    for (Resource r : state.resources().values()) {
      if (!r.id().kind().equals(kind)) {
        continue;
      }
      java.util.List<Error> errors = schema.validate(Documents.toJson(r.body()), InputFormat.JSON);
      for (Error e : errors) {
        out = out.prepend(Problem.of(r, "schema", source + ": " + e.getMessage()));
      }
    }
    return out.reverse();
  }

  @Override
  public String toString() {
    return "SchemaPolicy[" + kind + " " + source + "]";
  }
}
