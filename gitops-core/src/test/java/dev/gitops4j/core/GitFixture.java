package dev.gitops4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository with a working tree in a temp directory, for tests. */
public final class GitFixture implements AutoCloseable {
  private final Path dir;
  private final Git git;
  private int tick;

  private GitFixture(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** A new empty repository whose first branch is main. */
  public static GitFixture create(Path dir) {
    try {
      Files.createDirectories(dir);
      return new GitFixture(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  /** Writes a file (creating folders). */
  public GitFixture write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public GitFixture write(String path, byte[] content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public GitFixture delete(String path) {
    try {
      Files.delete(dir.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes every file except .git. */
  public GitFixture clear() {
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(p -> !p.equals(dir) && !dir.relativize(p).startsWith(".git"))
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages everything (including deletions) and commits; returns the commit id. */
  public String commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who =
          new PersonIdent(
              "Test",
              "test@example.com",
              java.time.Instant.ofEpochSecond(1_700_000_000L + tick++),
              java.time.ZoneOffset.UTC);
      RevCommit c =
          git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
      return c.getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitFixture tag(String name) {
    try {
      git.tag().setName(name).setAnnotated(true).setMessage(name).setSigned(false).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitFixture branch(String name) {
    try {
      git.branchCreate().setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitFixture checkout(String name) {
    try {
      git.checkout().setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Kubernetes-style manifest. */
  public static String manifest(
      String kind, @org.jspecify.annotations.Nullable String namespace, String name, String extra) {
    return "apiVersion: v1\nkind: "
        + kind
        + "\nmetadata:\n  name: "
        + name
        + (namespace == null ? "" : "\n  namespace: " + namespace)
        + "\n"
        + extra;
  }

  @Override
  public void close() {
    git.close();
  }
}
