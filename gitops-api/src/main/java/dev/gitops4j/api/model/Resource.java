package dev.gitops4j.api.model;

import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * One desired resource: its id, its immutable document body, the resources it depends on, and where
 * it was declared.
 *
 * <p>The body is the whole manifest ({@code apiVersion}, {@code kind}, {@code metadata}, then the
 * rest). Dependencies come from the {@value #DEPENDS_ON} annotation and order the plan.
 *
 * @param id the resource's id
 * @param body the whole manifest
 * @param dependsOn the resources that must be applied before this one; empty when none
 * @param provenance the file and position it was declared at, or none when it was not read from Git
 */
public record Resource(
    ResourceId id, Node.Obj body, SortedSet<ResourceId> dependsOn, Option<Provenance> provenance) {

  /** The annotation that lists a resource's dependencies, comma-separated ids. */
  public static final String DEPENDS_ON = "gitops4j.dev/depends-on";

  /**
   * The ownership mark: the annotation a reconciler writes with every resource, naming its owner.
   * Only a resource that carries its reconciler's mark can ever be pruned by it.
   */
  public static final String OWNER = "gitops4j.dev/owner";

  /**
   * Checks that no component is null.
   *
   * @param id the resource's id
   * @param body the whole manifest
   * @param dependsOn the resources that must be applied before this one; empty when none
   * @param provenance the file and position it was declared at, or none when it was not read from
   *     Git
   */
  public Resource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(dependsOn, "dependsOn");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * A resource with no dependencies and no provenance, handy in tests and adapters.
   *
   * @param id the resource's id
   * @param body the whole manifest
   * @return the resource
   */
  public static Resource of(ResourceId id, Node.Obj body) {
    return new Resource(id, body, TreeSet.empty(), Option.none());
  }

  /**
   * The {@code metadata.labels} mapping, empty if absent.
   *
   * @return the labels whose values are text; others are left out
   */
  public io.vavr.collection.Map<String, String> labels() {
    return stringMap("labels");
  }

  /**
   * The {@code metadata.annotations} mapping, empty if absent.
   *
   * @return the annotations whose values are text; others are left out
   */
  public io.vavr.collection.Map<String, String> annotations() {
    return stringMap("annotations");
  }

  private io.vavr.collection.Map<String, String> stringMap(String field) {
    return body.at("/metadata/" + field)
        .filter(Node.Obj.class::isInstance)
        .map(
            n ->
                ((Node.Obj) n)
                    .fields()
                    .flatMap((k, v) -> v.asText().map(t -> io.vavr.Tuple.of(k, t))))
        .getOrElse(io.vavr.collection.LinkedHashMap.empty());
  }
}
