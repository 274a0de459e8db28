package dev.gitops4j.api.reconcile;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * One resource that differs from Git: what a reconcile would do about it ({@code action}: create a
 * missing one, update or replace a changed one, delete an owned one Git no longer declares) and,
 * for a changed one, each field that differs. Values are compact JSON with every secret redacted.
 *
 * @param id the resource
 * @param action what a reconcile would do about it
 * @param fields each field that differs; empty for a resource missing or undeclared
 */
public record Drifted(ResourceId id, Change.Action action, Seq<Field> fields) {

  /**
   * One field that differs: its JSON Pointer, the value Git wants and the value found.
   *
   * @param path the JSON Pointer of the field
   * @param desired the value Git wants, as compact JSON, or {@link #ABSENT}
   * @param actual the value found, as compact JSON, or {@link #ABSENT}
   */
  public record Field(String path, String desired, String actual) {
    /** The text used for a value that is not there. */
    public static final String ABSENT = "(absent)";

    /**
     * Checks that no component is null.
     *
     * @param path the JSON Pointer of the field
     * @param desired the value Git wants, as compact JSON, or {@link #ABSENT}
     * @param actual the value found, as compact JSON, or {@link #ABSENT}
     */
    public Field {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(desired, "desired");
      Objects.requireNonNull(actual, "actual");
    }
  }

  /**
   * Checks that no component is null.
   *
   * @param id the resource
   * @param action what a reconcile would do about it
   * @param fields each field that differs; empty for a resource missing or undeclared
   */
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
