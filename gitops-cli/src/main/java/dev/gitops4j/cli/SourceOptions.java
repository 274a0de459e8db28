package dev.gitops4j.cli;

import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import picocli.CommandLine.Option;

/**
 * The options that say where the desired state lives: {@code --repo}, {@code --ref}, {@code
 * --path}.
 */
final class SourceOptions {
  @Option(
      names = "--repo",
      required = true,
      paramLabel = "R",
      description = "Git repository: a local path or a URL (file://, https://, ssh://).")
  String repo;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "Branch, tag or commit to read (default: HEAD).")
  String ref;

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Sub-path of the repository holding the manifests (default: all).")
  String path;

  GitRepository repository() {
    GitRepository repository = GitRepository.of(repo);
    if (ref != null) {
      repository = repository.ref(ref);
    }
    if (path != null) {
      repository = repository.path(path);
    }
    return repository;
  }

  GitOps.Builder gitops() {
    return GitOps.builder().repository(repository());
  }
}
