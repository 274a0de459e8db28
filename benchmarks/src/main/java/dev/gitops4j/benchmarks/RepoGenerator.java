package dev.gitops4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Generates packed Git repositories of N small manifests (ConfigMaps in 20 namespaces, 100 files
 * per folder) for the load benchmarks, and follow-up commits that touch K files. Deterministic: the
 * same N gives the same files. Run alone: {@code java -cp benchmarks.jar
 * dev.gitops4j.benchmarks.RepoGenerator DIR N}.
 */
public final class RepoGenerator {
  private RepoGenerator() {}

  /** Writes N manifests into a new repository at {@code dir}, commits and packs; the commit id. */
  public static String generate(Path dir, int n) throws IOException, GitAPIException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      for (int i = 0; i < n; i++) {
        Path file = dir.resolve(pathOf(i));
        Files.createDirectories(file.getParent());
        Files.writeString(file, manifest(i, "v1"), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      String id = commit(git, "generated " + n + " manifests");
      git.gc().setAggressive(false).call();
      return id;
    }
  }

  /** Changes {@code k} manifests spread over the repository and commits; the commit id. */
  public static String touch(Path dir, int n, int k, String value)
      throws IOException, GitAPIException {
    try (Git git = Git.open(dir.toFile())) {
      for (int j = 0; j < k; j++) {
        int i = (int) ((long) j * n / k);
        Files.writeString(dir.resolve(pathOf(i)), manifest(i, value), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      return commit(git, "touch " + k + " files");
    }
  }

  private static String commit(Git git, String message) throws GitAPIException {
    return git.commit()
        .setMessage(message)
        .setSign(false)
        .setAuthor("bench", "bench@example.org")
        .setCommitter("bench", "bench@example.org")
        .call()
        .getName();
  }

  static String pathOf(int i) {
    return "apps/ns-" + (i % 20) + "/part-" + (i / 2000) + "/cm-" + i + ".yaml";
  }

  static String manifest(int i, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-"
        + i
        + "\n  namespace: ns-"
        + (i % 20)
        + "\n  labels:\n    app: bench\n    shard: \"s"
        + (i % 7)
        + "\"\ndata:\n  key: "
        + value
        + "\n  index: \""
        + i
        + "\"\n  text: |\n    a few lines of configuration\n    that look like real files\n";
  }

  /** {@code DIR N}: generates a repository of N manifests in DIR. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: RepoGenerator DIR N");
      System.exit(64);
    }
    System.out.println(generate(Path.of(args[0]), Integer.parseInt(args[1])));
  }
}
