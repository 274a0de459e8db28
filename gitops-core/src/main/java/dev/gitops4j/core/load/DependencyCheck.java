package dev.gitops4j.core.load;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that span files: unique ids, dependencies that name declared resources, and no dependency
 * cycles. Also parses the {@value Resource#DEPENDS_ON} annotation.
 */
final class DependencyCheck {
  private DependencyCheck() {}

  /** The resource with its dependencies read from the annotation, or the problem with it. */
  static ManifestLoader.Draft parseDependsOn(Resource resource, int line) {
    Option<String> value = annotation(resource, Resource.DEPENDS_ON);
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

  /** One annotation whose value is text, without building the map of all of them. */
  static Option<String> annotation(Resource resource, String key) {
    return resource
        .body()
        .get("metadata")
        .flatMap(m -> m instanceof Node.Obj o ? o.get("annotations") : Option.none())
        .flatMap(a -> a instanceof Node.Obj o ? o.get(key) : Option.none())
        .flatMap(Node::asText);
  }

  /**
   * Problems that only show when all resources are known. With {@code incomplete} (some documents
   * failed to load), a dependency on an unknown resource is not reported: it may be one of them.
   */
  static Seq<Problem> check(List<Resource> resources, boolean incomplete) {
    java.util.List<Problem> problems = new ArrayList<>();
    java.util.Map<ResourceId, Resource> first = new java.util.HashMap<>();
    // Copies of one document (a base under several kustomizations), counted per first resource.
    java.util.Map<ResourceId, Integer> copies = new java.util.LinkedHashMap<>();
    for (Resource r : resources) {
      Resource earlier = first.putIfAbsent(r.id(), r);
      if (earlier == null) {
        continue;
      }
      if (earlier.provenance().isDefined() && earlier.provenance().equals(r.provenance())) {
        copies.merge(r.id(), 2, (a, b) -> a + 1);
      } else {
        problems.add(
            Problem.of(
                r,
                "duplicate-resource",
                r.id()
                    + " is also declared at "
                    + earlier.provenance().map(Object::toString).getOrElse("?")));
      }
    }
    copies.forEach(
        (id, n) -> {
          Resource r = Objects.requireNonNull(first.get(id));
          problems.add(
              Problem.of(
                  r,
                  "duplicate-resource",
                  id
                      + " comes "
                      + n
                      + " times from "
                      + r.provenance().map(Object::toString).getOrElse("?")
                      + ": more than one kustomization under the loaded path includes it"
                      + " (load one of them, for example one overlay)"));
        });
    if (first.values().stream().allMatch(r -> r.dependsOn().isEmpty())) {
      return List.ofAll(problems);
    }
    java.util.List<ResourceId> ids = new ArrayList<>(first.keySet());
    ids.sort(null);
    for (ResourceId id : ids) {
      Resource r = Objects.requireNonNull(first.get(id));
      for (ResourceId dep : r.dependsOn()) {
        if (!incomplete && !first.containsKey(dep)) {
          problems.add(
              Problem.of(
                  r,
                  "unknown-dependency",
                  "depends on " + dep + ", which no manifest at this revision declares"));
        }
      }
    }
    if (problems.isEmpty()) {
      problems.addAll(cycles(ids, first));
    }
    return List.ofAll(problems);
  }

  /**
   * Every dependency cycle, each once, by a depth-first walk with an explicit stack: linear in
   * resources and dependencies, and no stack overflow on a long chain.
   */
  private static java.util.List<Problem> cycles(
      java.util.List<ResourceId> ids, java.util.Map<ResourceId, Resource> byId) {
    Set<ResourceId> done = new HashSet<>();
    java.util.List<Problem> problems = new ArrayList<>();
    java.util.Map<ResourceId, Integer> onPath = new java.util.HashMap<>();
    java.util.List<ResourceId> path = new ArrayList<>();
    java.util.List<Iterator<ResourceId>> pending = new ArrayList<>();
    for (ResourceId start : ids) {
      if (done.contains(start)) {
        continue;
      }
      push(start, byId, path, pending, onPath);
      while (!path.isEmpty()) {
        Iterator<ResourceId> next = pending.get(pending.size() - 1);
        if (!next.hasNext()) {
          ResourceId finished = path.remove(path.size() - 1);
          pending.remove(pending.size() - 1);
          onPath.remove(finished);
          done.add(finished);
          continue;
        }
        ResourceId dep = next.next();
        Integer at = onPath.get(dep);
        if (at != null) {
          java.util.List<ResourceId> cycle = new ArrayList<>(path.subList(at, path.size()));
          cycle.add(dep);
          problems.add(
              Problem.of(
                  Objects.requireNonNull(byId.get(dep)),
                  "dependency-cycle",
                  "dependencies form a cycle: "
                      + List.ofAll(cycle).map(Object::toString).mkString(" -> ")));
        } else if (!done.contains(dep) && byId.containsKey(dep)) {
          push(dep, byId, path, pending, onPath);
        }
      }
    }
    return problems;
  }

  private static void push(
      ResourceId id,
      java.util.Map<ResourceId, Resource> byId,
      java.util.List<ResourceId> path,
      java.util.List<Iterator<ResourceId>> pending,
      java.util.Map<ResourceId, Integer> onPath) {
    onPath.put(id, path.size());
    path.add(id);
    pending.add(Objects.requireNonNull(byId.get(id)).dependsOn().iterator());
  }
}
