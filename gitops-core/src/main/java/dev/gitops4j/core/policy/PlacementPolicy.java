package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.policy.Policy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * What a folder of the repository may produce: the kinds and namespaces allowed for resources
 * declared under a path, so that a team's folder only produces its own namespace. A resource
 * outside the allowed lists is an {@code allowed-kind} or {@code allowed-namespace} problem. A
 * {@code Namespace} counts as its own name; another cluster-scoped resource (no namespace) is
 * refused when namespaces are restricted.
 *
 * <pre>{@code
 * Policy p = PlacementPolicy.under("teams/payments").namespaces("payments").kinds("Deployment", "Service");
 * }</pre>
 */
public final class PlacementPolicy implements Policy {
  private final String path;
  private final Scope scope;
  private final List<String> kinds;
  private final List<String> namespaces;

  private PlacementPolicy(String path, List<String> kinds, List<String> namespaces) {
    this.path = path;
    this.scope = Scope.ALL.paths(path);
    this.kinds = kinds;
    this.namespaces = namespaces;
  }

  /**
   * A rule for resources declared under this path glob (a folder means everything below it).
   *
   * @param pathGlob a repository path glob ({@code *} within a segment, {@code **} any depth;
   *     without {@code *} it is a folder); named in the problems
   * @return a rule that allows everything until kinds or namespaces are set
   */
  public static PlacementPolicy under(String pathGlob) {
    return new PlacementPolicy(pathGlob, List.empty(), List.empty());
  }

  /**
   * Only these kinds are allowed.
   *
   * @param values the kinds allowed, replacing an earlier list; none allows every kind
   * @return a new policy; this one is unchanged
   */
  public PlacementPolicy kinds(String... values) {
    return new PlacementPolicy(path, List.of(values), namespaces);
  }

  /**
   * Only these namespaces are allowed.
   *
   * @param values the namespaces allowed, replacing an earlier list; none allows every namespace
   * @return a new policy; this one is unchanged
   */
  public PlacementPolicy namespaces(String... values) {
    return new PlacementPolicy(path, kinds, List.of(values));
  }

  @Override
  public Seq<Problem> check(DesiredState state) {
    List<Problem> out = List.empty();
    for (Resource r : state.resources().values()) {
      if (!scope.includes(r)) {
        continue;
      }
      if (!kinds.isEmpty() && !kinds.contains(r.id().kind())) {
        out =
            out.prepend(
                Problem.of(
                    r,
                    "allowed-kind",
                    "kind "
                        + r.id().kind()
                        + " is not allowed under "
                        + path
                        + " (allowed: "
                        + kinds.mkString(", ")
                        + ")"));
      }
      if (!namespaces.isEmpty()) {
        String ns =
            r.id().kind().equals("Namespace") ? r.id().name() : r.id().namespace().getOrElse("");
        if (!namespaces.contains(ns)) {
          out =
              out.prepend(
                  Problem.of(
                      r,
                      "allowed-namespace",
                      (ns.isEmpty() ? "no namespace" : "namespace '" + ns + "'")
                          + " is not allowed under "
                          + path
                          + " (allowed: "
                          + namespaces.mkString(", ")
                          + ")"));
        }
      }
    }
    return out.reverse();
  }
}
