package dev.gitops4j.core;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.api.source.Repository;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.load.ManifestLoader;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The fluent entry point: wires a {@link Repository}, a loader and policies into one object that
 * validates the desired state at the configured ref.
 *
 * <pre>{@code
 * GitOps gitops = GitOps.builder()
 *     .repository(GitRepository.local(Path.of("infra")).branch("main").path("prod"))
 *     .build();
 * Validation<Seq<Problem>, DesiredState> state = gitops.validate();
 * }</pre>
 */
public final class GitOps implements AutoCloseable {
  private final Repository repository;
  private final ManifestLoader loader;
  private final Seq<Policy> policies;

  private GitOps(Builder b) {
    this.repository = b.repository;
    this.loader = b.loader;
    this.policies = List.ofAll(b.policies);
  }

  /** A new builder; {@link Builder#repository} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The repository this instance reads. */
  public Repository repository() {
    return repository;
  }

  /**
   * Resolves the configured ref and loads, composes and validates its desired state, touching
   * nothing. Every problem is returned at once.
   */
  public Validation<Seq<Problem>, DesiredState> validate() {
    return repository.resolve().fold(p -> Validation.invalid(List.of(p)), this::validate);
  }

  /** Loads and validates the desired state at one revision. */
  public Validation<Seq<Problem>, DesiredState> validate(Revision revision) {
    return repository
        .checkout(revision)
        .fold(p -> Validation.<Seq<Problem>, DesiredState>invalid(List.of(p)), loader::load)
        .flatMap(this::checkPolicies);
  }

  private Validation<Seq<Problem>, DesiredState> checkPolicies(DesiredState state) {
    Seq<Problem> problems = policies.flatMap(p -> p.check(state));
    return problems.isEmpty() ? Validation.valid(state) : Validation.invalid(problems);
  }

  @Override
  public void close() {
    repository.close();
  }

  /** Configures a {@link GitOps}; validates at {@link #build()}. */
  public static final class Builder {
    private Repository repository;
    private ManifestLoader loader = ManifestLoader.create();
    private final java.util.List<Policy> policies = new ArrayList<>();

    private Builder() {}

    /** Where the desired state lives (required). */
    public Builder repository(Repository value) {
      if (repository != null) {
        throw new IllegalStateException("repository was already set to " + repository.describe());
      }
      this.repository = Objects.requireNonNull(value, "repository");
      return this;
    }

    /** A loader with other limits than the defaults. */
    public Builder loader(ManifestLoader value) {
      this.loader = Objects.requireNonNull(value, "loader");
      return this;
    }

    /** A rule every load must pass; may be called several times. */
    public Builder policy(Policy value) {
      policies.add(Objects.requireNonNull(value, "policy"));
      return this;
    }

    /**
     * The configured instance.
     *
     * @throws IllegalStateException if no repository was set
     */
    public GitOps build() {
      if (repository == null) {
        throw new IllegalStateException("GitOps.builder() needs a repository(...)");
      }
      return new GitOps(this);
    }
  }
}
