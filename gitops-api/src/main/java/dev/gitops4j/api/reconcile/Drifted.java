package dev.gitops4j.api.reconcile;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * One resource that differs from Git: what a reconcile would do about it ({@code action}: create a
 * missing one, update or replace a changed one, delete an owned one Git no longer declares) and,
 * for a changed one, each field that differs. Values are compact JSON with every secret redacted.
 */
public record Drifted(ResourceId id, Change.Action action, Seq<Field> fields) {

  /** One field that differs: its JSON Pointer, the value Git wants and the value found. */
  public record Field(String path, String desired, String actual) {
    /** The text used for a value that is not there. */
    public static final String ABSENT = "(absent)";

    /** Checks that no component is null. */
    public Field {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(desired, "desired");
      Objects.requireNonNull(actual, "actual");
    }
  }

  /** Checks that no component is null. */
  public Drifted {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fields, "fields");
  }

  /**
   * The JSON Pointers that differ ({@code ""} for a whole resource missing or undeclared).
   *
   * @return the JSON Pointers that differ ({@code ""} for a whole resource missing or undeclared)
   */
  public Seq<String> paths() {
    return fields.isEmpty() ? io.vavr.collection.List.of("") : fields.map(Field::path);
  }
}
