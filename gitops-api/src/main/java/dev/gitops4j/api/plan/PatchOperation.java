package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Objects;

/**
 * One RFC 6902 JSON Patch operation. {@code from} is set for {@code move} and {@code copy}; {@code
 * value} for {@code add}, {@code replace} and {@code test}.
 *
 * @param op the operation
 * @param path the JSON Pointer it acts on
 * @param from the source pointer of a {@code move} or {@code copy}; none otherwise
 * @param value the value of an {@code add}, {@code replace} or {@code test}; none otherwise
 */
public record PatchOperation(Op op, String path, Option<String> from, Option<Node> value) {

  /** The six RFC 6902 operations. */
  public enum Op {
    /** Adds a value (RFC 6902 section 4.1). */
    ADD,
    /** Removes a value (section 4.2). */
    REMOVE,
    /** Replaces a value (section 4.3). */
    REPLACE,
    /** Moves a value (section 4.4). */
    MOVE,
    /** Copies a value (section 4.5). */
    COPY,
    /** Tests that a value equals the given one (section 4.6). */
    TEST;

    /**
     * The lower-case name used in JSON.
     *
     * @return the lower-case name used in JSON
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks that no component is null.
   *
   * @param op the operation
   * @param path the JSON Pointer it acts on
   * @param from the source pointer of {@code move} and {@code copy}
   * @param value the value of {@code add}, {@code replace} and {@code test}
   */
  public PatchOperation {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(value, "value");
  }

  /**
   * {@code add} at {@code path}.
   *
   * @param path where to add, as a JSON Pointer
   * @param value what to add
   * @return {@code add} at {@code path}
   */
  public static PatchOperation add(String path, Node value) {
    return new PatchOperation(Op.ADD, path, Option.none(), Option.of(value));
  }

  /**
   * {@code remove} at {@code path}.
   *
   * @param path what to remove, as a JSON Pointer
   * @return {@code remove} at {@code path}
   */
  public static PatchOperation remove(String path) {
    return new PatchOperation(Op.REMOVE, path, Option.none(), Option.none());
  }

  /**
   * {@code replace} at {@code path}.
   *
   * @param path what to replace, as a JSON Pointer
   * @param value the new value
   * @return {@code replace} at {@code path}
   */
  public static PatchOperation replace(String path, Node value) {
    return new PatchOperation(Op.REPLACE, path, Option.none(), Option.of(value));
  }

  /**
   * {@code move} from {@code from} to {@code path}.
   *
   * @param from the value to move, as a JSON Pointer
   * @param path where it goes, as a JSON Pointer
   * @return {@code move} from {@code from} to {@code path}
   */
  public static PatchOperation move(String from, String path) {
    return new PatchOperation(Op.MOVE, path, Option.of(from), Option.none());
  }

  /**
   * {@code copy} from {@code from} to {@code path}.
   *
   * @param from the value to copy, as a JSON Pointer
   * @param path where the copy goes, as a JSON Pointer
   * @return {@code copy} from {@code from} to {@code path}
   */
  public static PatchOperation copy(String from, String path) {
    return new PatchOperation(Op.COPY, path, Option.of(from), Option.none());
  }

  /**
   * {@code test} that {@code path} equals {@code value}.
   *
   * @param path the value to test, as a JSON Pointer
   * @param value the value it must equal
   * @return {@code test} that {@code path} equals {@code value}
   */
  public static PatchOperation test(String path, Node value) {
    return new PatchOperation(Op.TEST, path, Option.none(), Option.of(value));
  }
}
