package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.policy.Policy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Fields no resource may set, as JSON Pointers ({@code /spec/template/spec/hostNetwork}); a {@code
 * *} segment matches every item of a list or every key of a mapping. Each hit is a {@code
 * forbidden-field} problem.
 *
 * <pre>{@code
 * Policy p = ForbiddenFieldsPolicy.of("/spec/template/spec/hostNetwork").forKinds("Deployment");
 * }</pre>
 */
public final class ForbiddenFieldsPolicy implements Policy {
  private final List<String> pointers;
  private final Scope scope;

  private ForbiddenFieldsPolicy(List<String> pointers, Scope scope) {
    this.pointers = pointers;
    this.scope = scope;
  }

  /**
   * Forbids these fields.
   *
   * @param pointers JSON Pointers of the forbidden fields, each starting with {@code /}, with
   *     {@code ~1} and {@code ~0} escapes and {@code *} for any item or key; none forbids nothing
   * @return a policy for every resource
   * @throws IllegalArgumentException if a pointer does not start with {@code /}
   */
  public static ForbiddenFieldsPolicy of(String... pointers) {
    for (String p : pointers) {
      if (!p.startsWith("/")) {
        throw new IllegalArgumentException(
            "a forbidden field is a JSON Pointer starting with '/': " + p);
      }
    }
    return new ForbiddenFieldsPolicy(List.of(pointers), Scope.ALL);
  }

  /**
   * The same policy, for these kinds only.
   *
   * @param kinds the kinds checked, such as {@code Deployment}; replaces an earlier list, and none
   *     means every kind
   * @return a new policy; this one is unchanged
   */
  public ForbiddenFieldsPolicy forKinds(String... kinds) {
    return new ForbiddenFieldsPolicy(pointers, scope.kinds(kinds));
  }

  /**
   * The same policy, for resources declared under these path globs only.
   *
   * @param globs repository path globs ({@code *} within a segment, {@code **} any depth; a glob
   *     without {@code *} is a folder); replaces an earlier list
   * @return a new policy; this one is unchanged
   */
  public ForbiddenFieldsPolicy under(String... globs) {
    return new ForbiddenFieldsPolicy(pointers, scope.paths(globs));
  }

  @Override
  public Seq<Problem> check(DesiredState state) {
    List<Problem> out = List.empty();
    for (Resource r : state.resources().values()) {
      if (!scope.includes(r)) {
        continue;
      }
      for (String pointer : pointers) {
        List<String> hits = find(r.body(), pointer.substring(1).split("/", -1), 0, "");
        for (String hit : hits) {
          out = out.prepend(Problem.of(r, "forbidden-field", "field " + hit + " is forbidden"));
        }
      }
    }
    return out.reverse();
  }

  private static List<String> find(Node node, String[] segs, int i, String at) {
    if (i == segs.length) {
      return List.of(at);
    }
    String seg = segs[i].replace("~1", "/").replace("~0", "~");
    if (node instanceof Node.Obj o) {
      if (seg.equals("*")) {
        return List.ofAll(o.fields()).flatMap(e -> find(e._2, segs, i + 1, at + "/" + e._1));
      }
      return o.get(seg).map(n -> find(n, segs, i + 1, at + "/" + segs[i])).getOrElse(List.empty());
    }
    if (node instanceof Node.Arr a) {
      List<String> out = List.empty();
      for (int k = 0; k < a.items().size(); k++) {
        if (seg.equals("*") || seg.equals(String.valueOf(k))) {
          out = out.appendAll(find(a.items().get(k), segs, i + 1, at + "/" + k));
        }
      }
      return out;
    }
    return List.empty();
  }
}
