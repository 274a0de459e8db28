package dev.gitops4j.api.plan;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Objects;

/**
 * One RFC 6902 JSON Patch operation. {@code from} is set for {@code move} and {@code copy}; {@code
 * value} for {@code add}, {@code replace} and {@code test}.
 */
public record PatchOperation(Op op, String path, Option<String> from, Option<Node> value) {

  /** The six RFC 6902 operations. */
  public enum Op {
    ADD,
    REMOVE,
    REPLACE,
    MOVE,
    COPY,
    TEST;

    /** The lower-case name used in JSON. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PatchOperation {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(value, "value");
  }

  /** {@code add} at {@code path}. */
  public static PatchOperation add(String path, Node value) {
    return new PatchOperation(Op.ADD, path, Option.none(), Option.of(value));
  }

  /** {@code remove} at {@code path}. */
  public static PatchOperation remove(String path) {
    return new PatchOperation(Op.REMOVE, path, Option.none(), Option.none());
  }

  /** {@code replace} at {@code path}. */
  public static PatchOperation replace(String path, Node value) {
    return new PatchOperation(Op.REPLACE, path, Option.none(), Option.of(value));
  }

  /** {@code move} from {@code from} to {@code path}. */
  public static PatchOperation move(String from, String path) {
    return new PatchOperation(Op.MOVE, path, Option.of(from), Option.none());
  }

  /** {@code copy} from {@code from} to {@code path}. */
  public static PatchOperation copy(String from, String path) {
    return new PatchOperation(Op.COPY, path, Option.of(from), Option.none());
  }

  /** {@code test} that {@code path} equals {@code value}. */
  public static PatchOperation test(String path, Node value) {
    return new PatchOperation(Op.TEST, path, Option.none(), Option.of(value));
  }
}
