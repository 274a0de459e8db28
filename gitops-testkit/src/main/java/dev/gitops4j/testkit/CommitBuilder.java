package dev.gitops4j.testkit;

import dev.gitops4j.api.source.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsPackCompactor;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * One commit being built on an {@link InMemoryRepository}: files put and deleted in order, tags,
 * the branch. Nothing is written until {@link #done()}, which returns the new {@link Revision}.
 *
 * <pre>{@code
 * Revision rev = repo.commit("add web")
 *     .put("apps/web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
 *     .delete("old.yaml")
 *     .tag("v1.2.0")
 *     .done();
 * }</pre>
 *
 * <p>Paths are relative, with {@code /} separators; a bad path, a delete of nothing, or a file
 * where a folder is (or the reverse) is refused with an {@link IllegalArgumentException} naming it.
 */
public final class CommitBuilder {
  /** The fixed author and committer of every commit, so that ids are reproducible. */
  public static final String AUTHOR = "GitOps4J Testkit";

  private static final String EMAIL = "testkit@gitops4j.dev";
  private static final int MAX_PACKS = 16;

  private final InMemoryRepository.Store store;
  private final String message;
  private final List<Edit> edits = new ArrayList<>();
  private final List<TagSpec> tags = new ArrayList<>();
  private String branch = InMemoryRepository.DEFAULT_BRANCH;
  private boolean done;

  /** A put (content present) or a delete (none) of one path; the empty path clears the tree. */
  private record Edit(String path, io.vavr.control.Option<byte[]> content) {}

  private record TagSpec(String name, @Nullable String message) {}

  CommitBuilder(InMemoryRepository.Store store, String message) {
    this.store = store;
    this.message = message;
  }

  /**
   * Adds or replaces a file with UTF-8 text.
   *
   * @param path the file's relative path, with {@code /} separators
   * @param content the file's text, written as UTF-8
   * @return this builder
   * @throws IllegalArgumentException if the path is bad
   */
  public CommitBuilder put(String path, String content) {
    return put(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Adds or replaces a file with bytes.
   *
   * @param path the file's relative path, with {@code /} separators
   * @param content the file's bytes, copied
   * @return this builder
   * @throws IllegalArgumentException if the path is bad
   */
  public CommitBuilder put(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    edits.add(new Edit(checkPath(path), io.vavr.control.Option.some(content.clone())));
    return this;
  }

  /**
   * Deletes a file, or a folder with everything under it.
   *
   * @param path the relative path of the file or folder; {@link #done()} refuses it if nothing is
   *     there
   * @return this builder
   * @throws IllegalArgumentException if the path is bad
   */
  public CommitBuilder delete(String path) {
    edits.add(new Edit(checkPath(path), io.vavr.control.Option.none()));
    return this;
  }

  /**
   * Adds or replaces each file of {@code files} (path to UTF-8 text).
   *
   * @param files relative paths to file texts; put in path order
   * @return this builder
   * @throws IllegalArgumentException if a path is bad
   */
  public CommitBuilder putAll(Map<String, String> files) {
    new TreeMap<>(files).forEach(this::put);
    return this;
  }

  /**
   * Makes the commit's tree exactly {@code files}: everything else is deleted.
   *
   * @param files relative paths to file texts; empty makes an empty tree
   * @return this builder
   * @throws IllegalArgumentException if a path is bad
   */
  public CommitBuilder replaceAll(Map<String, String> files) {
    edits.add(new Edit("", io.vavr.control.Option.none()));
    return putAll(files);
  }

  /**
   * Puts every file under {@code folder} (say a folder of test resources) at the repository root.
   *
   * @param folder a folder on disk, read at once
   * @return this builder
   * @throws IllegalArgumentException if {@code folder} is not a folder
   * @throws UncheckedIOException if a file cannot be read
   */
  public CommitBuilder putAll(Path folder) {
    return putAll(folder, "");
  }

  /**
   * Puts every file under {@code folder} below {@code under} in the repository.
   *
   * @param folder a folder on disk, read at once
   * @param under the relative path to put the files below; empty for the root
   * @return this builder
   * @throws IllegalArgumentException if {@code folder} is not a folder or {@code under} is bad
   * @throws UncheckedIOException if a file cannot be read
   */
  public CommitBuilder putAll(Path folder, String under) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("putAll: not a folder: " + folder);
    }
    String prefix = under.isEmpty() ? "" : checkPath(under) + "/";
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = folder.relativize(f).toString().replace('\\', '/');
        put(prefix + rel, Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + folder, e);
    }
    return this;
  }

  /**
   * Tags the new commit (a lightweight tag).
   *
   * @param name the tag's name, without {@code refs/tags/}
   * @return this builder
   */
  public CommitBuilder tag(String name) {
    tags.add(new TagSpec(Objects.requireNonNull(name, "name"), null));
    return this;
  }

  /**
   * Tags the new commit with an annotated tag.
   *
   * @param name the tag's name, without {@code refs/tags/}
   * @param tagMessage the annotation's message
   * @return this builder
   */
  public CommitBuilder annotatedTag(String name, String tagMessage) {
    tags.add(new TagSpec(Objects.requireNonNull(name, "name"), tagMessage));
    return this;
  }

  /**
   * Commits onto {@code name} instead of main; a branch that does not exist yet starts at main's
   * head (or as a root commit in an empty repository).
   *
   * @param name the branch's name, without {@code refs/heads/}
   * @return this builder
   */
  public CommitBuilder onBranch(String name) {
    this.branch = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Writes the commit, moves the branch and adds the tags.
   *
   * @return the new revision, with the branch as its ref
   * @throws IllegalStateException if called twice, or a tag already exists
   */
  public Revision done() {
    if (done) {
      throw new IllegalStateException("this commit was already done");
    }
    done = true;
    synchronized (store) {
      try {
        return write();
      } catch (IOException e) {
        throw new UncheckedIOException("writing commit '" + message + "'", e);
      }
    }
  }

  private Revision write() throws IOException {
    var git = store.dfs;
    String ref = Constants.R_HEADS + branch;
    Ref current = git.exactRef(ref);
    ObjectId parent = current != null ? current.getObjectId() : null;
    if (parent == null) {
      Ref main = git.exactRef(Constants.R_HEADS + InMemoryRepository.DEFAULT_BRANCH);
      parent = main == null ? null : main.getObjectId();
    }
    Map<String, ObjectId> files = new TreeMap<>();
    if (parent != null) {
      try (RevWalk walk = new RevWalk(git);
          TreeWalk tree = new TreeWalk(git)) {
        tree.addTree(walk.parseCommit(parent).getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          files.put(tree.getPathString(), tree.getObjectId(0));
        }
      }
    }
    try (ObjectInserter inserter = git.newObjectInserter()) {
      for (Edit e : edits) {
        apply(files, e, inserter);
      }
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (var f : files.entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(f.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(f.getValue());
        builder.add(entry);
      }
      builder.finish();
      ObjectId treeId = index.writeTree(inserter);
      Instant when = store.nextCommitTime();
      PersonIdent who = new PersonIdent(AUTHOR, EMAIL, when, ZoneOffset.UTC);
      org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
      commit.setTreeId(treeId);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      List<ObjectId> tagObjects = new ArrayList<>();
      for (TagSpec t : tags) {
        if (t.message() == null) {
          tagObjects.add(id);
        } else {
          TagBuilder tag = new TagBuilder();
          tag.setObjectId(id, Constants.OBJ_COMMIT);
          tag.setTag(t.name());
          tag.setTagger(who);
          tag.setMessage(t.message());
          tagObjects.add(inserter.insert(tag));
        }
      }
      inserter.flush();
      compactIfNeeded();
      move(ref, current == null ? ObjectId.zeroId() : current.getObjectId(), id);
      for (int i = 0; i < tags.size(); i++) {
        String tagRef = Constants.R_TAGS + tags.get(i).name();
        if (git.exactRef(tagRef) != null) {
          throw new IllegalStateException("tag " + tags.get(i).name() + " already exists");
        }
        move(tagRef, ObjectId.zeroId(), tagObjects.get(i));
      }
      try (RevWalk walk = new RevWalk(git)) {
        RevCommit c = walk.parseCommit(id);
        return new Revision(
            c.getName(), branch, Instant.ofEpochSecond(c.getCommitTime()), c.getShortMessage());
      }
    }
  }

  /** One pack per commit makes every lookup scan them all; merge them now and then. */
  private void compactIfNeeded() throws IOException {
    DfsPackFile[] packs = store.dfs.getObjectDatabase().getPacks();
    if (packs.length <= MAX_PACKS) {
      return;
    }
    DfsPackFile[] bySize = packs.clone();
    Arrays.sort(
        bySize,
        Comparator.comparingLong(
            (DfsPackFile p) -> p.getPackDescription().getFileSize(PackExt.PACK)));
    DfsPackCompactor compactor = new DfsPackCompactor(store.dfs);
    for (int i = 0; i < MAX_PACKS / 2; i++) {
      compactor.add(bySize[i]);
    }
    compactor.compact(NullProgressMonitor.INSTANCE);
  }

  private void move(String ref, @Nullable ObjectId expected, ObjectId to) throws IOException {
    RefUpdate u = store.dfs.updateRef(ref);
    u.setExpectedOldObjectId(expected);
    u.setNewObjectId(to);
    u.setRefLogMessage("testkit", false);
    RefUpdate.Result r = u.update();
    if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD) {
      throw new IllegalStateException("cannot move " + ref + ": " + r);
    }
  }

  private void apply(Map<String, ObjectId> files, Edit e, ObjectInserter inserter)
      throws IOException {
    String path = e.path();
    if (path.isEmpty()) {
      files.clear();
      return;
    }
    String under = path + "/";
    boolean folderThere = files.keySet().stream().anyMatch(k -> k.startsWith(under));
    if (e.content().isEmpty()) {
      boolean removed = files.remove(path) != null;
      removed |= files.keySet().removeIf(k -> k.startsWith(under));
      if (!removed) {
        throw new IllegalArgumentException(
            "delete: no file or folder '" + path + "' on branch " + branch);
      }
      return;
    }
    if (folderThere) {
      throw new IllegalArgumentException("put: '" + path + "' is a folder on branch " + branch);
    }
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (files.containsKey(path.substring(0, i))) {
        throw new IllegalArgumentException(
            "put: '" + path.substring(0, i) + "' is a file, so '" + path + "' cannot be added");
      }
    }
    files.put(path, inserter.insert(Constants.OBJ_BLOB, e.content().get()));
  }

  private static String checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (path.isEmpty()
        || path.startsWith("/")
        || path.endsWith("/")
        || path.contains("\\")
        || path.contains("\0")) {
      throw new IllegalArgumentException("bad path '" + path + "': use a/b/c.yaml");
    }
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.equals(".git")) {
        throw new IllegalArgumentException("bad path '" + path + "': segment '" + seg + "'");
      }
    }
    return path;
  }
}
