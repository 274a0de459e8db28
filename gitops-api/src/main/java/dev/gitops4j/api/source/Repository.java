package dev.gitops4j.api.source;

import dev.gitops4j.api.model.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Where the desired state lives: something that resolves a ref to a {@link Revision} and reads a
 * revision as a {@link Snapshot}. {@code GitRepository} in gitops-core reads real Git; the testkit
 * has an in-memory one.
 *
 * <p>Expected failures (a ref or path that does not exist, an empty repository) are returned as
 * {@link Problem} values; exceptions mean I/O failures.
 */
public interface Repository extends AutoCloseable {

  /**
   * Resolves the ref this repository was configured with (a branch, tag or commit).
   *
   * @return the revision, or a problem when the ref does not exist or the repository is empty
   */
  Either<Problem, Revision> resolve();

  /**
   * Resolves a branch, tag, or full or abbreviated commit id.
   *
   * @param ref the ref to resolve
   * @return the revision, or a problem when the ref does not exist or is ambiguous
   */
  Either<Problem, Revision> resolve(String ref);

  /**
   * Reads the files of a revision under the configured sub-path.
   *
   * @param revision a revision this repository resolved
   * @return the files, or a problem when the sub-path does not exist at that revision
   */
  Either<Problem, Snapshot> checkout(Revision revision);

  /**
   * The files of {@code revision}, read by comparing its tree with the one {@code previous} was
   * read from: only the folders whose Git tree ids differ are walked, so a commit that touches k
   * files costs O(k), not O(repository). The result lists every file, as {@link
   * #checkout(Revision)} does, and its {@link Snapshot#changes()} names the paths that differ from
   * {@code previous}, which lets a loader patch what it loaded from {@code previous} instead of
   * loading everything again. The default ignores {@code previous} and reads the whole tree, with
   * no changes recorded; so does an implementation when {@code previous} is not one of its own
   * snapshots for the same sub-path.
   *
   * @param revision a revision this repository resolved
   * @param previous a snapshot this repository returned earlier, for the same sub-path
   * @return the files, or a problem when the sub-path does not exist at that revision
   */
  default Either<Problem, Snapshot> checkout(Revision revision, Snapshot previous) {
    return checkout(revision);
  }

  /**
   * The newest {@code max} revisions reachable from the configured ref, newest first.
   *
   * @param max the most revisions to return
   * @return the revisions; empty for an empty repository
   */
  Seq<Revision> history(int max);

  /**
   * Whether commit {@code ancestor} is {@code descendant} or one of its ancestors: a poller tells a
   * fast-forward from a force push with it. The default cannot tell and says so, so that callers
   * refuse rather than guess.
   *
   * @param ancestor a commit id
   * @param descendant a commit id
   * @return whether {@code ancestor} is {@code descendant} or one of its ancestors, or a problem
   *     when that cannot be told
   */
  default Either<Problem, Boolean> isAncestor(String ancestor, String descendant) {
    return Either.left(
        Problem.general(
            describe(),
            "ancestry-unknown",
            "cannot tell whether " + descendant + " descends from " + ancestor));
  }

  /**
   * A short description of where this repository is, for messages.
   *
   * @return the description, such as a URL with any credentials left out
   */
  String describe();

  /** Releases the underlying resources; the default does nothing. */
  @Override
  default void close() {}
}
