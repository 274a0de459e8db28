package dev.gitops4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes a bare Git repository with N manifest files (one ConfigMap each, 100 folders) in one
 * commit on {@code main}, straight into the object database: the scale scenario for the CLI.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gitops4j.benchmarks.GenerateRepository DIR N
 * </pre>
 */
public final class GenerateRepository {
  private GenerateRepository() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    if (Files.exists(dir)) {
      throw new IOException(dir + " exists");
    }
    try (Git git =
            Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call();
        ObjectInserter inserter = git.getRepository().newObjectInserter()) {
      Repository repo = git.getRepository();
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      java.util.List<DirCacheEntry> entries = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] content = Manifests.configMap(i).getBytes(StandardCharsets.UTF_8);
        DirCacheEntry e = new DirCacheEntry("ns-" + (i % 100) + "/cm-" + i + ".yaml");
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(inserter.insert(Constants.OBJ_BLOB, content));
        entries.add(e);
      }
      entries.sort((a, b) -> a.getPathString().compareTo(b.getPathString()));
      entries.forEach(builder::add);
      builder.finish();
      ObjectId tree = index.writeTree(inserter);
      CommitBuilder commit = new CommitBuilder();
      PersonIdent who =
          new PersonIdent(
              "bench", "bench@example.com", java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setTreeId(tree);
      commit.setMessage(n + " manifests\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate ref = repo.updateRef("refs/heads/main");
      ref.setNewObjectId(id);
      ref.forceUpdate();
      System.out.println(dir + ": " + n + " files at " + id.name());
    }
  }
}
