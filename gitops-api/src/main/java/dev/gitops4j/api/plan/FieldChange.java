package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Objects;

/**
 * One field an update changes, for review: its JSON Pointer, the value before and after (absent
 * where the field does not exist) and why the plan touches it.
 *
 * <p>Values may be secret: renderers show a field of a secret as {@code <redacted>}, whatever its
 * value.
 *
 * @param path the JSON Pointer of the field
 * @param before its value on the target, or none where the field does not exist
 * @param after its value once the update is applied, or none where the update removes it
 * @param reason why the plan touches it
 */
public record FieldChange(String path, Option<Node> before, Option<Node> after, Reason reason) {

  /** Why a field is in the plan. */
  public enum Reason {
    /** Git declares a new value (or a new field) since the last apply. */
    CHANGED_IN_GIT,
    /** Git did not change; the target was changed outside Git. */
    DRIFT,
    /** The field was declared before and Git no longer declares it. */
    REMOVED_FROM_GIT;

    /**
     * Lower-case words for text and JSON: {@code changed in Git}, {@code drift}, ...
     *
     * @return the words, such as {@code removed from Git}
     */
    public String words() {
      return switch (this) {
        case CHANGED_IN_GIT -> "changed in Git";
        case DRIFT -> "drift";
        case REMOVED_FROM_GIT -> "removed from Git";
      };
    }

    /**
     * The name used in JSON: {@code changed-in-git}, {@code drift}, {@code removed-from-git}.
     *
     * @return the name
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Checks that no component is null.
   *
   * @param path the JSON Pointer of the field
   * @param before its value on the target, or none where the field does not exist
   * @param after its value once the update is applied, or none where the update removes it
   * @param reason why the plan touches it
   */
  public FieldChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(reason, "reason");
  }
}
