package dev.gitops4j.core.load;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.secrets.DocumentDecryptor;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.compose.Kustomize;
import dev.gitops4j.core.compose.Substitution;
import dev.gitops4j.core.load.internal.Ignores;
import dev.gitops4j.core.policy.RepositoryConfig;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/**
 * A valid load kept to be patched: given a snapshot that records its changes from this load's
 * revision ({@link Snapshot#changes()}), the next desired state is this one minus the resources of
 * the changed and removed files plus those of the changed files, parsed again. It costs O(k log n)
 * for k changed files among n, against O(n) for a full load.
 *
 * <p>The resources a changed or removed file gave before are found by reading it again from the
 * previous snapshot (the parse cache still holds it, as a rule), so no index by file is kept and a
 * full load pays nothing for this. A patch is made only when it equals a full load of the same
 * snapshot. Anything with an effect beyond its own file falls back to the full load: a
 * kustomization anywhere (and any load with kustomize units), the repository config, {@code
 * .gitops4jignore} and any other dot-file (such as {@code .sops.yaml}), a ConfigMap of variables, a
 * changed file with a problem, a duplicate id, a state left empty. With dependencies declared
 * anywhere, the dependency check runs over the whole patched state (linear); without any it is
 * skipped, as in a full load.
 */
record Reload(
    DesiredState state,
    Snapshot snapshot,
    Seq<DocumentDecryptor> decryptors,
    Ignores ignores,
    Map<String, String> variables,
    int withDependencies) {

  /** The next load, patched from this one; empty when only a full load gives the right answer. */
  Option<Reload> patch(ManifestLoader loader, Snapshot next, Seq<DocumentDecryptor> decryptors) {
    if (next.changes().isEmpty()) {
      return Option.none();
    }
    Snapshot.Changes changes = next.changes().get();
    if (!changes.base().commit().equals(state.revision().commit())
        || !next.root().equals(snapshot.root())
        || !decryptors.equals(this.decryptors)
        || changes.all().exists(Reload::global)) {
      return Option.none();
    }
    SortedMap<ResourceId, Resource> resources = state.resources();
    int deps = withDependencies;
    for (String path : changes.all()) {
      Option<Seq<Resource>> before = loadedBefore(loader, path);
      if (before.isEmpty()) {
        return Option.none();
      }
      for (Resource old : before.get()) {
        Option<Resource> held = resources.get(old.id());
        if (held.isEmpty() || Substitution.isVariables(held.get())) {
          return Option.none();
        }
        deps -= held.get().dependsOn().isEmpty() ? 0 : 1;
        resources = resources.remove(old.id());
      }
    }
    for (String path : changes.changed()) {
      Option<Seq<Resource>> after = loaded(loader, next, path);
      if (after.isEmpty()) {
        return Option.none();
      }
      for (Resource r : after.get()) {
        if (resources.containsKey(r.id())) {
          return Option.none();
        }
        resources = resources.put(r.id(), r);
        deps += r.dependsOn().isEmpty() ? 0 : 1;
      }
    }
    if (resources.isEmpty()
        || (deps > 0 && !DependencyCheck.check(List.ofAll(resources.values()), false).isEmpty())) {
      return Option.none();
    }
    return Option.of(
        new Reload(
            new DesiredState(next.revision(), resources),
            next,
            decryptors,
            ignores,
            variables,
            deps));
  }

  /**
   * The resources a full load takes from this file of {@code from} (none for a file it does not
   * read), after substitution; empty when the file has a problem or provides variables. The parse
   * cache answers for files it still holds; others are parsed again.
   */
  private Option<Seq<Resource>> loaded(ManifestLoader loader, Snapshot from, String path) {
    Option<SnapshotFile> file = from.files().get(path);
    if (file.isEmpty() || !ManifestLoader.isManifest(from.root(), path) || ignores.ignored(path)) {
      return Option.of(List.empty());
    }
    if (file.get().symlink()) {
      return Option.none();
    }
    java.util.List<Resource> found = new java.util.ArrayList<>();
    for (ManifestLoader.Draft draft : loader.drafts(file.get(), decryptors)) {
      if (!draft.problems().isEmpty() || draft.resource().exists(Substitution::isVariables)) {
        return Option.none();
      }
      draft.resource().forEach(found::add);
    }
    Validation<Seq<Problem>, List<Resource>> substituted =
        ManifestLoader.substitute(List.ofAll(found), variables);
    return substituted.isValid() ? Option.of(substituted.get()) : Option.none();
  }

  /**
   * What the previous snapshot's file gave; empty (a full load) when its blob can no longer be
   * read, as after a force push and {@code git gc} once the parse cache has let it go.
   */
  private Option<Seq<Resource>> loadedBefore(ManifestLoader loader, String path) {
    try {
      return loaded(loader, snapshot, path);
    } catch (java.io.UncheckedIOException e) {
      return Option.none();
    }
  }

  /** Whether a change to this path may change how other files load. */
  private static boolean global(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return Kustomize.isKustomizationFile(name)
        || path.equals(RepositoryConfig.FILE)
        || path.startsWith(".")
        || path.contains("/.");
  }
}
