package dev.gitops4j.core.load;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/** Commits files to a fresh repository and loads HEAD. */
final class LoadSupport {
  private LoadSupport() {}

  static Validation<Seq<Problem>, DesiredState> load(GitFixture git, ManifestLoader loader) {
    try (GitRepository repo = GitRepository.local(git.dir())) {
      return loader.load(repo.checkout(repo.resolve().get()).get());
    }
  }
}
