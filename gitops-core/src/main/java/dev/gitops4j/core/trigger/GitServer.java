package dev.gitops4j.core.trigger;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.GitOps;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Git server for one bare repository on JGit's {@code git://} daemon, with GitOps hooks: the
 * pre-receive hook loads, validates and plans a push to the watched branch (as {@link
 * GitOps#plan(DesiredState)}: with the pushed {@code gitops4j.yaml}'s plan settings, and a push
 * that would leave nothing while resources are owned refused) and rejects it with every problem
 * shown to the pusher ({@code remote: file:line: rule: message}); the post-receive hook of an
 * accepted push calls {@code onPush} (a {@link Debouncer} that reconciles).
 *
 * <p>Clients push to {@code git://127.0.0.1:PORT/NAME}, where NAME is the bare repository's folder
 * name. It listens on the loopback address unless told otherwise: the git protocol has no
 * authentication, so expose it only behind something that has.
 *
 * <pre>{@code
 * try (GitServer server = GitServer.builder(bare, gitops).onPush(debouncer::request).start()) {
 *   System.out.println(server.uri()); // git://127.0.0.1:9418/infra.git
 * }
 * }</pre>
 */
public final class GitServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitServer.class);

  private final Builder config;
  private final String name;
  private final String watched;
  private final Daemon daemon;

  private GitServer(Builder b) throws IOException {
    this.config = b;
    Path file = b.bare.getFileName();
    this.name = file == null ? "repo.git" : file.toString();
    try (Repository db = open()) {
      Ref head = db.exactRef(Constants.HEAD);
      String branch =
          b.branch != null
              ? b.branch
              : head != null && head.isSymbolic() ? head.getTarget().getName() : "refs/heads/main";
      this.watched = branch.startsWith("refs/") ? branch : Constants.R_HEADS + branch;
    }
    this.daemon = new Daemon(b.address);
    daemon.getService("git-receive-pack").setEnabled(true);
    daemon.setRepositoryResolver(
        (client, requested) -> {
          String clean = requested.replaceAll("^/+|/+$", "");
          if (!clean.equals(name) && !(clean + ".git").equals(name)) {
            throw new RepositoryNotFoundException(requested);
          }
          try {
            return open();
          } catch (IOException e) {
            throw new RepositoryNotFoundException(requested, e);
          }
        });
    daemon.setReceivePackFactory(
        (client, db) -> {
          ReceivePack rp = new ReceivePack(db);
          rp.setAtomic(true);
          rp.setPreReceiveHook(this::preReceive);
          rp.setPostReceiveHook(this::postReceive);
          return rp;
        });
    daemon.start();
  }

  /**
   * A builder serving {@code bare} and validating pushes with {@code gitops}.
   *
   * @param bare the bare repository's directory; its folder name is the name clients use in the
   *     URL, and it must exist when the server starts
   * @param gitops validates and plans each push to the watched branch; it need not have a target
   *     (then pushes are only validated)
   * @return a builder listening on a free loopback port
   */
  public static Builder builder(Path bare, GitOps gitops) {
    return new Builder(bare, gitops);
  }

  /**
   * The URL to clone from and push to, such as {@code git://127.0.0.1:9418/infra.git}.
   *
   * @return the {@code git://} URL with the bound address and port
   */
  public String uri() {
    InetSocketAddress a = daemon.getAddress();
    return "git://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/" + name;
  }

  /**
   * The port it listens on.
   *
   * @return the bound port, useful when port 0 (any free port) was asked for
   */
  public int port() {
    return daemon.getAddress().getPort();
  }

  /**
   * The full name of the branch whose pushes are validated and reconciled.
   *
   * @return the full ref name, such as {@code refs/heads/main}
   */
  public String watchedBranch() {
    return watched;
  }

  /** Stops accepting connections and waits for the daemon to stop. */
  @Override
  public void close() {
    try {
      daemon.stopAndWait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(config.bare.toFile())
        .setMustExist(true)
        .setBare()
        .build();
  }

  private void preReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    for (ReceiveCommand cmd : commands) {
      if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED
          || !cmd.getRefName().equals(watched)) {
        continue;
      }
      if (cmd.getType() == ReceiveCommand.Type.DELETE) {
        cmd.setResult(
            ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "gitops4j: refusing to delete the watched branch");
        continue;
      }
      Seq<String> problems = check(rp, cmd.getNewId().name());
      if (!problems.isEmpty()) {
        problems.forEach(rp::sendMessage);
        cmd.setResult(
            ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "gitops4j: "
                + problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " in "
                + cmd.getNewId().abbreviate(7).name());
      }
    }
  }

  /** Every problem of the pushed commit, one line each; a plan summary for a good one. */
  private Seq<String> check(ReceivePack rp, String commit) {
    GitOps gitops = config.gitops;
    synchronized (gitops) {
      try {
        Either<Problem, Revision> revision = gitops.repository().resolve(commit);
        if (revision.isLeft()) {
          return List.of(revision.getLeft().toString());
        }
        Validation<Seq<Problem>, DesiredState> desired = gitops.validate(revision.get());
        if (desired.isInvalid()) {
          return desired.getError().map(Problem::toString);
        }
        String summary = "gitops4j: " + desired.get().size() + " resources valid";
        if (gitops.reconciler().isDefined()) {
          Validation<Seq<Problem>, Plan> plan = gitops.plan(desired.get());
          if (plan.isInvalid()) {
            return plan.getError().map(Problem::toString);
          }
          Seq<Change> changes = plan.get().effectiveChanges();
          summary += "; plan: " + changes.size() + (changes.size() == 1 ? " change" : " changes");
        }
        rp.sendMessage(summary);
        return List.empty();
      } catch (RuntimeException e) {
        LOG.warn("validating pushed commit {} failed", commit, e);
        return List.of("gitops4j: cannot validate " + commit + ": " + e.getMessage());
      }
    }
  }

  private void postReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    boolean moved =
        commands.stream()
            .anyMatch(
                c ->
                    c.getRefName().equals(watched)
                        && c.getResult() == ReceiveCommand.Result.OK
                        && c.getType() != ReceiveCommand.Type.DELETE);
    if (moved) {
      rp.sendMessage("gitops4j: reconcile queued");
      config.onPush.run();
    }
  }

  /** Configures a {@link GitServer}. */
  public static final class Builder {
    private final Path bare;
    private final GitOps gitops;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private @Nullable String branch;
    private Runnable onPush = () -> {};

    private Builder(Path bare, GitOps gitops) {
      this.bare = Objects.requireNonNull(bare, "bare").toAbsolutePath().normalize();
      this.gitops = Objects.requireNonNull(gitops, "gitops");
    }

    /**
     * Port on 127.0.0.1 (default 0: any free port).
     *
     * @param value the port, 0 for any free one
     * @return this builder
     */
    public Builder port(int value) {
      return bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), value));
    }

    /**
     * Address to listen on; only a loopback address unless you mean it.
     *
     * @param value the address and port; the git protocol has no authentication
     * @return this builder
     */
    public Builder bind(InetSocketAddress value) {
      this.address = Objects.requireNonNull(value, "address");
      return this;
    }

    /**
     * The branch to validate and reconcile (default: the repository's HEAD branch).
     *
     * @param value a branch name such as {@code main} or a full ref such as {@code refs/heads/main}
     * @return this builder
     */
    public Builder branch(String value) {
      this.branch = Objects.requireNonNull(value, "branch");
      return this;
    }

    /**
     * What an accepted push to the watched branch runs (such as {@link Debouncer#request}).
     *
     * @param value run on the server's thread after an accepted push, so it should return quickly
     * @return this builder
     */
    public Builder onPush(Runnable value) {
      this.onPush = Objects.requireNonNull(value, "onPush");
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server; close it to stop listening
     * @throws IOException if the repository cannot be opened or the port bound
     */
    public GitServer start() throws IOException {
      return new GitServer(this);
    }
  }
}
