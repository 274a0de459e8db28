package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.policy.Policy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Labels and annotations every resource (of some kinds, under some paths) must carry, such as
 * {@code app.kubernetes.io/name} or an owner annotation. Each missing key is a {@code
 * required-label} or {@code required-annotation} problem.
 *
 * <pre>{@code
 * Policy p = RequiredMetadataPolicy.labels("app.kubernetes.io/name").forKinds("Deployment");
 * }</pre>
 */
public final class RequiredMetadataPolicy implements Policy {
  private final List<String> labels;
  private final List<String> annotations;
  private final Scope scope;

  private RequiredMetadataPolicy(List<String> labels, List<String> annotations, Scope scope) {
    this.labels = labels;
    this.annotations = annotations;
    this.scope = scope;
  }

  /**
   * Requires these labels.
   *
   * @param keys the label keys each resource must have, such as {@code app.kubernetes.io/name}; any
   *     value, even empty, counts
   * @return a policy for every resource, requiring no annotation
   */
  public static RequiredMetadataPolicy labels(String... keys) {
    return new RequiredMetadataPolicy(List.of(keys), List.empty(), Scope.ALL);
  }

  /**
   * Requires these annotations.
   *
   * @param keys the annotation keys each resource must have; any value, even empty, counts
   * @return a policy for every resource, requiring no label
   */
  public static RequiredMetadataPolicy annotations(String... keys) {
    return new RequiredMetadataPolicy(List.empty(), List.of(keys), Scope.ALL);
  }

  /**
   * The same policy, for these kinds only.
   *
   * @param kinds the kinds checked; replaces an earlier list, and none means every kind
   * @return a new policy; this one is unchanged
   */
  public RequiredMetadataPolicy forKinds(String... kinds) {
    return new RequiredMetadataPolicy(labels, annotations, scope.kinds(kinds));
  }

  /**
   * The same policy, for resources declared under these path globs only.
   *
   * @param globs repository path globs ({@code *} within a segment, {@code **} any depth; a glob
   *     without {@code *} is a folder); replaces an earlier list
   * @return a new policy; this one is unchanged
   */
  public RequiredMetadataPolicy under(String... globs) {
    return new RequiredMetadataPolicy(labels, annotations, scope.paths(globs));
  }

  @Override
  public Seq<Problem> check(DesiredState state) {
    List<Problem> out = List.empty();
    for (Resource r : state.resources().values()) {
      if (!scope.includes(r)) {
        continue;
      }
      for (String key : labels) {
        if (!r.labels().containsKey(key)) {
          out = out.prepend(Problem.of(r, "required-label", "label '" + key + "' is required"));
        }
      }
      for (String key : annotations) {
        if (!r.annotations().containsKey(key)) {
          out =
              out.prepend(
                  Problem.of(r, "required-annotation", "annotation '" + key + "' is required"));
        }
      }
    }
    return out.reverse();
  }
}
