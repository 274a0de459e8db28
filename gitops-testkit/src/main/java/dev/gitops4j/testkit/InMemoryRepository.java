package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Repository;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;

/**
 * A real Git {@link Repository} held in memory (JGit's DFS {@code InMemoryRepository}), with a
 * fluent commit builder: everything {@code GitRepository} does (branches, tags, annotated tags,
 * history, sub-paths, blob ids for the parse cache) works on it, with no files and no cleanup.
 *
 * <pre>{@code
 * InMemoryRepository repo = InMemoryRepository.create();
 * Revision v1 = repo.commit("add web").put("apps/web.yaml", yaml).tag("v1.2.0").done();
 * repo.commit("drop old").delete("old.yaml").done();
 * repo.branch("feature");                           // at main's head
 * repo.commit("try").onBranch("feature").putAll(Path.of("src/test/resources/infra")).done();
 * GitOps gitops = GitOps.builder().repository(repo.path("apps")).target(target).build();
 * }</pre>
 *
 * <p>Commit times come from the clock given to {@link #create(Clock)} (a {@link VirtualClock} in a
 * simulation); without one, the n-th commit is made at {@link VirtualClock#DEFAULT_START} plus n
 * seconds. The author is fixed, so the same commits give the same ids on every run.
 */
public final class InMemoryRepository implements Repository {
  static final String DEFAULT_BRANCH = "main";

  private final Store store;
  private final GitRepository git;

  private InMemoryRepository(Store store, GitRepository git) {
    this.store = store;
    this.git = git;
  }

  /**
   * An empty repository whose HEAD is branch {@code main}, with deterministic commit times.
   *
   * @return a repository named {@code infra}; commit n is dated n seconds after {@link
   *     VirtualClock#DEFAULT_START}
   */
  public static InMemoryRepository create() {
    return create("infra", null);
  }

  /**
   * An empty repository whose commit times come from {@code clock}.
   *
   * @param clock read once per commit, for example a {@link VirtualClock}
   * @return a repository named {@code infra}
   */
  public static InMemoryRepository create(Clock clock) {
    return create("infra", Objects.requireNonNull(clock, "clock"));
  }

  /**
   * An empty repository named {@code name} in messages ({@code memory:name}).
   *
   * @param name the name shown in problems and revisions
   * @return a repository with deterministic commit times
   */
  public static InMemoryRepository named(String name) {
    return create(name, null);
  }

  private static InMemoryRepository create(
      String name, @org.jspecify.annotations.Nullable Clock clock) {
    org.eclipse.jgit.internal.storage.dfs.InMemoryRepository dfs =
        new org.eclipse.jgit.internal.storage.dfs.InMemoryRepository(
            new DfsRepositoryDescription(name));
    try {
      RefUpdate head = dfs.updateRef(Constants.HEAD);
      head.link(Constants.R_HEADS + DEFAULT_BRANCH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Store store = new Store(dfs, clock);
    return new InMemoryRepository(store, GitRepository.open(dfs, "memory:" + name));
  }

  /**
   * Starts a commit on {@code main} (or the branch set by {@link CommitBuilder#onBranch}).
   *
   * @param message the commit message
   * @return a builder; nothing is written until {@link CommitBuilder#done()}
   */
  public CommitBuilder commit(String message) {
    Objects.requireNonNull(message, "message");
    return new CommitBuilder(store, message);
  }

  /**
   * Creates branch {@code name} at the head of {@code main}.
   *
   * @param name the branch's name, without {@code refs/heads/}
   * @return this repository
   * @throws IllegalStateException if main has no commit yet or the branch exists
   */
  public InMemoryRepository branch(String name) {
    return branch(name, DEFAULT_BRANCH);
  }

  /**
   * Creates branch {@code name} at the commit {@code from} resolves to.
   *
   * @param name the branch's name, without {@code refs/heads/}
   * @param from a branch, tag or commit id
   * @return this repository
   * @throws IllegalStateException if {@code from} resolves to no commit or the branch exists
   */
  public InMemoryRepository branch(String name, String from) {
    store.createRef(Constants.R_HEADS + name, from);
    return this;
  }

  /**
   * Adds a lightweight tag on the commit {@code at} resolves to.
   *
   * @param name the tag's name, without {@code refs/tags/}
   * @param at a branch, tag or commit id
   * @return this repository
   * @throws IllegalStateException if {@code at} resolves to no commit or the tag exists
   */
  public InMemoryRepository tag(String name, String at) {
    store.createRef(Constants.R_TAGS + name, at);
    return this;
  }

  /**
   * The same repository reading {@code branchTagOrCommit} by default (HEAD, that is main, else).
   *
   * @param branchTagOrCommit a branch, tag or commit id, resolved on each read
   * @return a view sharing this repository's storage
   */
  public InMemoryRepository ref(String branchTagOrCommit) {
    return new InMemoryRepository(store, git.ref(branchTagOrCommit));
  }

  /**
   * The same repository restricted to files under {@code subPath}.
   *
   * @param subPath a relative folder path, with {@code /} separators
   * @return a view sharing this repository's storage
   */
  public InMemoryRepository path(String subPath) {
    return new InMemoryRepository(store, git.path(subPath));
  }

  /**
   * The JGit repository underneath, for what this class does not offer.
   *
   * @return the live in-memory JGit repository; changes made there are seen here
   */
  public org.eclipse.jgit.lib.Repository jgit() {
    return store.dfs;
  }

  @Override
  public Either<Problem, Revision> resolve() {
    return git.resolve();
  }

  @Override
  public Either<Problem, Revision> resolve(String ref) {
    return git.resolve(ref);
  }

  @Override
  public Either<Problem, Snapshot> checkout(Revision revision) {
    return git.checkout(revision);
  }

  @Override
  public Either<Problem, Snapshot> checkout(Revision revision, Snapshot previous) {
    return git.checkout(revision, previous);
  }

  @Override
  public Seq<Revision> history(int max) {
    return git.history(max);
  }

  @Override
  public Either<Problem, Boolean> isAncestor(String ancestor, String descendant) {
    return git.isAncestor(ancestor, descendant);
  }

  @Override
  public String describe() {
    return git.describe();
  }

  @Override
  public String toString() {
    return "InMemoryRepository["
        + describe()
        + " ref="
        + git.configuredRef()
        + " path="
        + git.subPath()
        + "]";
  }

  /** The shared state of a repository and its views. */
  static final class Store {
    final org.eclipse.jgit.internal.storage.dfs.InMemoryRepository dfs;
    private final @org.jspecify.annotations.Nullable Clock clock;
    private final AtomicLong commits = new AtomicLong();

    Store(
        org.eclipse.jgit.internal.storage.dfs.InMemoryRepository dfs,
        @org.jspecify.annotations.Nullable Clock clock) {
      this.dfs = dfs;
      this.clock = clock;
    }

    Instant nextCommitTime() {
      long n = commits.incrementAndGet();
      return clock != null
          ? clock.instant()
          : VirtualClock.DEFAULT_START.plus(Duration.ofSeconds(n));
    }

    synchronized void createRef(String ref, String from) {
      try {
        if (dfs.exactRef(ref) != null) {
          throw new IllegalStateException(ref + " already exists");
        }
        org.eclipse.jgit.lib.ObjectId id = dfs.resolve(from + "^{commit}");
        if (id == null) {
          throw new IllegalStateException("no commit '" + from + "' to put " + ref + " on");
        }
        RefUpdate u = dfs.updateRef(ref);
        u.setNewObjectId(id);
        u.setExpectedOldObjectId(org.eclipse.jgit.lib.ObjectId.zeroId());
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW) {
          throw new IllegalStateException("cannot create " + ref + ": " + r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
