package dev.gitops4j.core.load;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that span files: unique ids, dependencies that name declared resources, and no dependency
 * cycles. Also parses the {@value Resource#DEPENDS_ON} annotation.
 */
final class DependencyCheck {
  private DependencyCheck() {}

  /** The resource with its dependencies read from the annotation, or the problem with it. */
  static ManifestLoader.Draft parseDependsOn(Resource resource, int line) {
    Option<String> value = resource.annotations().get(Resource.DEPENDS_ON);
    if (value.isEmpty() || value.get().isBlank()) {
      return ManifestLoader.draft(resource);
    }
    TreeSet<ResourceId> deps = TreeSet.empty();
    for (String part : value.get().split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      Option<ResourceId> id = ResourceId.parse(part);
      if (id.isEmpty()) {
        return ManifestLoader.draft(
            Problem.of(
                    resource,
                    "invalid-dependency",
                    "'"
                        + part.trim()
                        + "' in "
                        + Resource.DEPENDS_ON
                        + " is not Kind/name or Kind/namespace/name")
                .withLine(line));
      }
      deps = deps.add(id.get());
    }
    return ManifestLoader.draft(
        new Resource(resource.id(), resource.body(), deps, resource.provenance()));
  }

  /** Problems that only show when all resources are known. */
  static Seq<Problem> check(List<Resource> resources) {
    List<Problem> problems = List.empty();
    Map<ResourceId, Resource> first = HashMap.empty();
    for (Resource r : resources) {
      Option<Resource> earlier = first.get(r.id());
      if (earlier.isDefined()) {
        problems =
            problems.append(
                Problem.of(
                    r,
                    "duplicate-resource",
                    r.id()
                        + " is also declared at "
                        + earlier.get().provenance().map(Object::toString).getOrElse("?")));
      } else {
        first = first.put(r.id(), r);
      }
    }
    for (Resource r : first.values().toSortedSet((a, b) -> a.id().compareTo(b.id()))) {
      for (ResourceId dep : r.dependsOn()) {
        if (!first.containsKey(dep)) {
          problems =
              problems.append(
                  Problem.of(
                      r,
                      "unknown-dependency",
                      "depends on " + dep + ", which no manifest at this revision declares"));
        }
      }
    }
    if (problems.isEmpty()) {
      problems = problems.appendAll(cycles(first));
    }
    return problems;
  }

  private static Seq<Problem> cycles(Map<ResourceId, Resource> byId) {
    Set<ResourceId> done = new HashSet<>();
    List<Problem> problems = List.empty();
    for (ResourceId start : byId.keySet().toSortedSet()) {
      Option<List<ResourceId>> cycle = findCycle(start, byId, List.empty(), done);
      if (cycle.isDefined()) {
        Resource at = byId.get(cycle.get().head()).get();
        problems =
            problems.append(
                Problem.of(
                    at,
                    "dependency-cycle",
                    "dependencies form a cycle: "
                        + cycle.get().map(Object::toString).mkString(" -> ")));
      }
    }
    return problems;
  }

  private static Option<List<ResourceId>> findCycle(
      ResourceId id, Map<ResourceId, Resource> byId, List<ResourceId> path, Set<ResourceId> done) {
    if (path.contains(id)) {
      List<ResourceId> reversed = path.reverse();
      return Option.of(reversed.dropWhile(x -> !x.equals(id)).append(id));
    }
    if (done.contains(id)) {
      return Option.none();
    }
    for (ResourceId dep : byId.get(id).get().dependsOn()) {
      Option<List<ResourceId>> cycle = findCycle(dep, byId, path.prepend(id), done);
      if (cycle.isDefined()) {
        return cycle;
      }
    }
    done.add(id);
    return Option.none();
  }
}
