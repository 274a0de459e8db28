package dev.gitops4j.core.source;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Repository;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.source.internal.RemoteAuth;
import dev.gitops4j.core.source.internal.Signatures;
import dev.gitops4j.core.source.internal.TreeDiff;
import dev.gitops4j.core.source.internal.Urls;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Repository} backed by real Git through JGit.
 *
 * <p>Local repositories (bare or with a working tree) are read in place; remote URLs ({@code
 * file://}, {@code http(s)://}, {@code ssh://}) are cloned bare into a cache directory and fetched
 * on every {@link #resolve()}. Revisions are read straight from the object database: nothing is
 * checked out. Instances are immutable configurations; the {@code with...} methods return new ones.
 *
 * <pre>{@code
 * try (GitRepository repo = GitRepository.local(Path.of("/srv/infra")).ref("main").path("prod")) {
 *   Revision rev = repo.resolve().get();
 *   Snapshot snapshot = repo.checkout(rev).get();
 * }
 * }</pre>
 */
public final class GitRepository implements Repository {
  private static final Logger LOG = LoggerFactory.getLogger(GitRepository.class);

  private final Location location;
  private final String ref;
  private final String path;
  private final Credentials credentials;
  private final @Nullable SignatureVerification verification;
  private volatile org.eclipse.jgit.lib.@Nullable Repository opened;
  private @Nullable RemoteAuth auth;
  private @Nullable Signatures signatures;

  /** Where the repository is: a local directory, or a URL cloned into a cache directory. */
  private sealed interface Location {}

  private record Local(Path dir) implements Location {}

  private record Remote(String url, Path cacheDir) implements Location {}

  private record Opened(org.eclipse.jgit.lib.Repository git, String name) implements Location {}

  private GitRepository(
      Location location,
      String ref,
      String path,
      Credentials credentials,
      @Nullable SignatureVerification verification) {
    this.location = location;
    this.ref = ref;
    this.path = path;
    this.credentials = credentials;
    this.verification = verification;
  }

  /**
   * A repository on the local file system, bare or with a working tree. Reads HEAD.
   *
   * @param dir the repository's directory (its working tree or the bare {@code .git} directory);
   *     made absolute; opened lazily on first use
   * @return a repository reading HEAD of the whole tree, without credentials or signature checks
   */
  public static GitRepository local(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new GitRepository(
        new Local(dir.toAbsolutePath().normalize()), "HEAD", "", Credentials.none(), null);
  }

  /**
   * A repository JGit has already opened, such as the testkit's in-memory one on JGit's DFS
   * storage. Reads HEAD. The caller keeps ownership: {@link #close()} leaves it open.
   *
   * @param git the open JGit repository to read from; it stays owned by the caller
   * @param description how messages name it, such as {@code memory:infra}
   * @return a repository reading HEAD of the whole tree
   */
  public static GitRepository open(org.eclipse.jgit.lib.Repository git, String description) {
    Objects.requireNonNull(git, "git");
    Objects.requireNonNull(description, "description");
    return new GitRepository(new Opened(git, description), "HEAD", "", Credentials.none(), null);
  }

  /**
   * A remote repository, cloned bare into a cache directory under {@code ~/.cache/gitops4j/repos}.
   * Reads HEAD unless a branch, tag or commit is set.
   *
   * @param url the URL to clone ({@code file://}, {@code http(s)://}, {@code ssh://} or {@code
   *     user@host:path}); its hash names the cache directory, so each URL gets its own clone
   * @return a repository reading HEAD of the whole tree, without credentials
   */
  public static GitRepository remote(String url) {
    return remote(url, defaultCacheRoot().resolve(hash(url)));
  }

  /**
   * A remote repository cloned into the given cache directory.
   *
   * @param url the URL to clone
   * @param cacheDir where the bare clone lives; reused (and fetched into) when it already holds
   *     one, so give each URL a directory of its own
   * @return a repository reading HEAD of the whole tree, without credentials
   */
  public static GitRepository remote(String url, Path cacheDir) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(cacheDir, "cacheDir");
    return new GitRepository(new Remote(url, cacheDir), "HEAD", "", Credentials.none(), null);
  }

  /**
   * A local path or a URL: anything with {@code ://}, or of the form {@code user@host:path}, is
   * treated as remote.
   *
   * @param pathOrUrl a local directory or a remote URL, as a user types it on the command line
   * @return {@link #local(Path)} or {@link #remote(String)} of it
   */
  public static GitRepository of(String pathOrUrl) {
    boolean remote = pathOrUrl.contains("://") || pathOrUrl.matches("^[\\w.-]+@[\\w.-]+:.*");
    return remote ? remote(pathOrUrl) : local(Path.of(pathOrUrl));
  }

  /**
   * The same repository reading {@code branchTagOrCommit} by default.
   *
   * @param branchTagOrCommit a branch, tag, commit id or any revision expression Git resolves;
   *     trimmed; not blank
   * @return a copy reading that ref
   * @throws IllegalArgumentException if {@code branchTagOrCommit} is null or blank
   */
  public GitRepository ref(String branchTagOrCommit) {
    if (branchTagOrCommit == null || branchTagOrCommit.isBlank()) {
      throw new IllegalArgumentException("ref must not be blank");
    }
    return new GitRepository(location, branchTagOrCommit.trim(), path, credentials, verification);
  }

  /**
   * Same as {@link #ref(String)}, reading like the design's fluent example.
   *
   * @param branch the branch to read, such as {@code main}; not blank
   * @return a copy reading that branch
   * @throws IllegalArgumentException if {@code branch} is null or blank
   */
  public GitRepository branch(String branch) {
    return ref(branch);
  }

  /**
   * Same as {@link #ref(String)}.
   *
   * @param tag the tag to read, such as {@code v1.2.0}; not blank
   * @return a copy reading that tag
   * @throws IllegalArgumentException if {@code tag} is null or blank
   */
  public GitRepository tag(String tag) {
    return ref(tag);
  }

  /**
   * The same repository restricted to files under {@code subPath} ({@code ""} for all).
   *
   * @param subPath a folder relative to the repository root; backslashes, doubled, leading and
   *     trailing slashes and a leading {@code ./} are normalized away
   * @return a copy reading only that folder
   * @throws IllegalArgumentException if {@code subPath} contains a {@code ..} segment
   */
  public GitRepository path(String subPath) {
    Objects.requireNonNull(subPath, "subPath");
    String normalized = subPath.replace('\\', '/').replaceAll("/+", "/");
    normalized = normalized.replaceAll("^(\\./)+", "").replaceAll("^/|/$", "");
    if (normalized.equals(".")) {
      normalized = "";
    }
    for (String segment : normalized.split("/", -1)) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("path must not contain '..': " + subPath);
      }
    }
    return new GitRepository(location, ref, normalized, credentials, verification);
  }

  /**
   * The same repository authenticating with these credentials when it clones or fetches. They never
   * appear in {@link #describe()}, {@link #toString()} or any problem message.
   *
   * @param value the credentials for remotes; they replace any set before
   * @return a copy using them
   */
  public GitRepository credentials(Credentials value) {
    return new GitRepository(
        location, ref, path, Objects.requireNonNull(value, "credentials"), verification);
  }

  /**
   * The same repository accepting only revisions signed by a trusted key, as {@code value} says:
   * {@link #checkout} refuses any other with an {@code untrusted-revision} problem that names the
   * commit or tag and the reason, so nothing is ever read from it. ({@link #resolve} still says
   * where the ref points, so a caller can report which revision it refused.)
   *
   * @param value what must be signed and by which keys; replaces any set before
   * @return a copy checking signatures
   */
  public GitRepository verifySignatures(SignatureVerification value) {
    return new GitRepository(
        location, ref, path, credentials, Objects.requireNonNull(value, "verification"));
  }

  /**
   * The signature verification, if any.
   *
   * @return the verification set by {@link #verifySignatures}, or none when every revision is
   *     accepted
   */
  public io.vavr.control.Option<SignatureVerification> signatureVerification() {
    return io.vavr.control.Option.of(verification);
  }

  /**
   * The credentials used for remotes ({@link Credentials#none()} unless set).
   *
   * @return the credentials set by {@link #credentials(Credentials)}
   */
  public Credentials configuredCredentials() {
    return credentials;
  }

  /**
   * The configured ref.
   *
   * @return the ref {@link #resolve()} reads, as given ({@code HEAD} unless set)
   */
  public String configuredRef() {
    return ref;
  }

  /**
   * The configured sub-path ({@code ""} for the whole tree).
   *
   * @return the normalized folder set by {@link #path(String)}
   */
  public String subPath() {
    return path;
  }

  @Override
  public String describe() {
    if (location instanceof Opened o) {
      return o.name();
    }
    return location instanceof Remote r
        ? Urls.redact(r.url())
        : ((Local) location).dir().toString();
  }

  @Override
  public Either<Problem, Revision> resolve() {
    return resolve(ref);
  }

  @Override
  public Either<Problem, Revision> resolve(String name) {
    Either<Problem, org.eclipse.jgit.lib.Repository> repo = open(true);
    if (repo.isLeft()) {
      return Either.left(repo.getLeft());
    }
    org.eclipse.jgit.lib.Repository git = repo.get();
    try {
      ObjectId id = git.resolve(name + "^{commit}");
      if (id == null) {
        if (!hasAnyCommit(git)) {
          return Either.left(
              Problem.general(describe(), "empty-repository", "the repository has no commits"));
        }
        return Either.left(
            Problem.general(
                describe(),
                "ref-not-found",
                "no branch, tag or commit named '" + name + "' in " + describe()));
      }
      try (RevWalk walk = new RevWalk(git)) {
        RevCommit commit = walk.parseCommit(id);
        return Either.right(toRevision(commit, name));
      }
    } catch (AmbiguousObjectException e) {
      return Either.left(
          Problem.general(describe(), "ref-ambiguous", "'" + name + "' matches several objects"));
    } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
      return Either.left(
          Problem.general(describe(), "ref-not-found", "'" + name + "' is not a commit-ish ref"));
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      return Either.left(
          Problem.general(describe(), "ref-not-found", "no commit " + name + " in " + describe()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + describe(), e);
    }
  }

  private @Nullable String refusal(
      org.eclipse.jgit.lib.Repository git, RevWalk walk, String name, RevCommit commit)
      throws IOException {
    SignatureVerification v = Objects.requireNonNull(verification);
    synchronized (this) {
      if (signatures == null) {
        signatures = new Signatures(v);
      }
    }
    if (v.mode() != SignatureVerification.Mode.HEAD) {
      ObjectId target = git.resolve(name);
      RevObject object = target == null ? null : walk.parseAny(target);
      if (!(object instanceof RevTag tag)) {
        return "'"
            + name
            + "' is not an annotated tag, and signature mode "
            + v.mode().name().toLowerCase(java.util.Locale.ROOT)
            + " needs a signed tag";
      }
      walk.parseBody(tag);
      if (!walk.peel(tag).getId().equals(commit.getId())) {
        return "tag " + tag.getTagName() + " no longer points to this commit";
      }
      String why = signatures.refusal(git, tag);
      if (why != null) {
        return "tag " + tag.getTagName() + ": " + why;
      }
    }
    if (v.mode() != SignatureVerification.Mode.TAG) {
      String why = signatures.refusal(git, commit);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  @Override
  public Either<Problem, Boolean> isAncestor(String ancestor, String descendant) {
    Either<Problem, org.eclipse.jgit.lib.Repository> repo = open(false);
    if (repo.isLeft()) {
      return Either.left(repo.getLeft());
    }
    org.eclipse.jgit.lib.Repository git = repo.get();
    try (RevWalk walk = new RevWalk(git)) {
      ObjectId a = ObjectId.fromString(ancestor);
      ObjectId d = ObjectId.fromString(descendant);
      if (!git.getObjectDatabase().has(a) || !git.getObjectDatabase().has(d)) {
        return Either.right(false);
      }
      return Either.right(walk.isMergedInto(walk.parseCommit(a), walk.parseCommit(d)));
    } catch (IllegalArgumentException e) {
      return Either.left(
          Problem.general(describe(), "ref-not-found", "not a full commit id: " + e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading history of " + describe(), e);
    }
  }

  @Override
  public Either<Problem, Snapshot> checkout(Revision revision) {
    return read(revision, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Compares the two commits' trees as {@code git diff-tree -r} does: a folder whose tree id is
   * the same in both is skipped without being read. {@code previous} is used only when it was read
   * by this repository for the same sub-path.
   */
  @Override
  public Either<Problem, Snapshot> checkout(Revision revision, Snapshot previous) {
    return read(revision, previous);
  }

  private Either<Problem, Snapshot> read(Revision revision, @Nullable Snapshot previous) {
    Either<Problem, org.eclipse.jgit.lib.Repository> repo = open(false);
    if (repo.isLeft()) {
      return Either.left(repo.getLeft());
    }
    org.eclipse.jgit.lib.Repository git = repo.get();
    try (RevWalk walk = new RevWalk(git);
        ObjectReader reader = git.newObjectReader()) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.commit()));
      String refused = verification == null ? null : refusal(git, walk, revision.ref(), commit);
      if (refused != null) {
        return Either.left(
            Problem.general(
                describe(),
                "untrusted-revision",
                "refusing "
                    + commit.abbreviate(7).name()
                    + " ("
                    + revision.ref()
                    + "): "
                    + refused));
      }
      if (!path.isEmpty()) {
        try (TreeWalk probe = TreeWalk.forPath(git, path, commit.getTree())) {
          if (probe == null) {
            return Either.left(
                Problem.general(
                    path,
                    "path-not-found",
                    "no file or directory '" + path + "' at " + revision.shortId()));
          }
        }
      }
      @Nullable RevCommit base = previous == null ? null : baseOf(git, walk, previous);
      if (previous != null && base != null) {
        return Either.right(
            TreeDiff.patch(git, reader, previous, base.getTree(), commit.getTree(), revision));
      }
      return Either.right(
          new Snapshot(revision, path, TreeDiff.read(git, reader, commit.getTree())));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + revision + " of " + describe(), e);
    }
  }

  /** The commit {@code previous} was read from, when it is a snapshot of ours to compare with. */
  private @Nullable RevCommit baseOf(
      org.eclipse.jgit.lib.Repository git, RevWalk walk, Snapshot previous) throws IOException {
    if (!previous.root().equals(path) || !TreeDiff.readFrom(git, previous)) {
      return null;
    }
    try {
      ObjectId id = ObjectId.fromString(previous.revision().commit());
      return git.getObjectDatabase().has(id) ? walk.parseCommit(id) : null;
    } catch (IllegalArgumentException | IncorrectObjectTypeException e) {
      return null;
    }
  }

  @Override
  public Seq<Revision> history(int max) {
    Either<Problem, org.eclipse.jgit.lib.Repository> repo = open(false);
    Either<Problem, Revision> head = resolve();
    if (repo.isLeft() || head.isLeft()) {
      return List.empty();
    }
    try (RevWalk walk = new RevWalk(repo.get())) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(head.get().commit())));
      List<Revision> out = List.empty();
      int n = 0;
      for (RevCommit c : walk) {
        if (n++ >= max) {
          break;
        }
        out = out.prepend(toRevision(c, c.getName()));
      }
      return out.reverse();
    } catch (IOException e) {
      throw new UncheckedIOException("reading history of " + describe(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
    if (auth != null) {
      auth.close();
      auth = null;
    }
  }

  private synchronized RemoteAuth auth() {
    if (auth == null) {
      auth = new RemoteAuth(credentials);
    }
    return auth;
  }

  private synchronized Either<Problem, org.eclipse.jgit.lib.Repository> open(boolean fetch) {
    try {
      if (location instanceof Opened o) {
        return Either.right(o.git());
      }
      if (location instanceof Remote remote) {
        return openRemote(remote, fetch);
      }
      Path localDir = ((Local) location).dir();
      if (opened == null) {
        if (!Files.isDirectory(localDir)) {
          return Either.left(
              Problem.general(describe(), "repository-not-found", "no such directory"));
        }
        opened = Git.open(localDir.toFile()).getRepository();
      }
      return Either.right(opened);
    } catch (RepositoryNotFoundException e) {
      return Either.left(
          Problem.general(describe(), "repository-not-found", "not a Git repository"));
    } catch (IOException e) {
      throw new UncheckedIOException("opening " + describe(), e);
    }
  }

  private Either<Problem, org.eclipse.jgit.lib.Repository> openRemote(
      Remote location, boolean fetch) throws IOException {
    File dir = location.cacheDir().toFile();
    try {
      if (opened == null && Files.isDirectory(location.cacheDir().resolve("objects"))) {
        opened = Git.open(dir).getRepository();
      } else if (opened == null) {
        LOG.info("cloning {} into {}", describe(), dir);
        Files.createDirectories(location.cacheDir());
        opened =
            auth()
                .configure(Git.cloneRepository())
                .setURI(location.url())
                .setDirectory(dir)
                .setBare(true)
                .setCloneAllBranches(true)
                .call()
                .getRepository();
        return Either.right(opened);
      }
      if (fetch) {
        LOG.debug("fetching {}", describe());
        try (Git git = new Git(opened)) {
          auth()
              .configure(git.fetch())
              .setRemote("origin")
              .setRefSpecs(
                  new RefSpec("+refs/heads/*:refs/heads/*"),
                  new RefSpec("+refs/tags/*:refs/tags/*"))
              .setRemoveDeletedRefs(true)
              .call();
        }
      }
      return Either.right(opened);
    } catch (GitAPIException e) {
      return Either.left(
          Problem.general(
              describe(),
              "repository-unreachable",
              "cannot fetch: " + Urls.redactIn(rootMessage(e), location.url())));
    }
  }

  private static boolean hasAnyCommit(org.eclipse.jgit.lib.Repository git) throws IOException {
    return git.getRefDatabase().getRefs().stream().anyMatch(r -> r.getObjectId() != null);
  }

  private static Revision toRevision(RevCommit commit, String ref) {
    return new Revision(
        commit.getName(),
        ref,
        Instant.ofEpochSecond(commit.getCommitTime()),
        commit.getShortMessage());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static Path defaultCacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "gitops4j", "repos");
  }

  private static String hash(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "GitRepository["
        + describe()
        + " ref="
        + ref
        + " path="
        + path
        + " credentials="
        + credentials.getClass().getSimpleName()
        + "]";
  }
}
