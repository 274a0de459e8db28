package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Over random sequences of commits (files and folders added, changed, deleted and renamed; files
 * turned into folders; bad YAML, duplicates, dependencies, variables, ignore files and
 * kustomizations now and then), loading each commit against the previous snapshot gives exactly
 * what a cold load of the same commit gives, and the patched snapshot lists exactly the files of a
 * full checkout.
 */
class IncrementalLoadProperties {
  private static final String[] FOLDERS = {"", "a/", "a/b/", "c/", "c/d/e/"};

  /** One step of a commit: what to do ({@code kind}) and three choices that pick what to. */
  record Op(int kind, int x, int y, int z) {}

  @Property(tries = 60)
  void incrementalLoadEqualsColdLoad(@ForAll("commits") List<List<Op>> commits) throws IOException {
    Path dir = Files.createTempDirectory("gitops4j-reload");
    TreeMap<String, String> tree = new TreeMap<>();
    try (GitFixture git = GitFixture.create(dir);
        GitRepository repo = GitRepository.local(dir)) {
      ManifestLoader warm = ManifestLoader.create();
      Snapshot previous = null;
      int step = 0;
      boolean lastValid = false;
      for (List<Op> commit : commits) {
        if (commit.get(0).x() % 2 == 0) {
          tree.keySet().removeIf(p -> p.endsWith("bad.yaml"));
        }
        for (Op op : commit) {
          apply(op, tree);
        }
        git.clear();
        tree.forEach(git::write);
        git.write("keep.txt", "commit " + step++);
        git.write("base.yaml", manifest("base", new Op(0, 1, 1, 1)));
        Revision rev = repo.resolve(git.commit("step")).get();
        Snapshot full = repo.checkout(rev).get();
        Snapshot next = previous == null ? full : repo.checkout(rev, previous).get();
        assertThat(listing(next)).isEqualTo(listing(full));
        long before = warm.loadsPatched();
        Validation<Seq<Problem>, DesiredState> incremental = warm.load(next);
        Validation<Seq<Problem>, DesiredState> cold = ManifestLoader.create().load(full);
        assertThat(incremental).isEqualTo(cold);
        Statistics.collect(
            warm.loadsPatched() > before
                ? "patched"
                : cold.isInvalid()
                    ? "full load: invalid " + cold.getError().head().rule()
                    : !lastValid
                        ? "full load: after an invalid or first load"
                        : "full load: other");
        lastValid = cold.isValid();
        previous = next;
      }
    } finally {
      delete(dir);
    }
  }

  private static NavigableMap<String, String> listing(Snapshot s) {
    TreeMap<String, String> out = new TreeMap<>();
    for (SnapshotFile f : s.files().values()) {
      out.put(f.path(), f.blobId() + " " + f.size() + " " + f.symlink());
    }
    return out;
  }

  private static void apply(Op op, NavigableMap<String, String> tree) {
    List<String> paths = new ArrayList<>(tree.keySet());
    String some = paths.isEmpty() ? null : paths.get(op.x() % paths.size());
    String folder = FOLDERS[op.y() % FOLDERS.length];
    switch (op.kind()) {
      case 0, 1, 2 -> {
        String path = folder + "cm-" + op.x() % 40 + ".yaml";
        put(tree, path, manifest(nameOf(path), op));
      }
      case 3 -> {
        if (some != null) {
          put(tree, some, manifest(op.z() % 13 == 0 ? "same-name" : nameOf(some), op));
        }
      }
      case 4 -> {
        if (some != null) {
          tree.remove(some);
        }
      }
      case 5 -> {
        if (some != null) {
          put(
              tree,
              folder + "moved-" + op.z() % 10 + ".yaml",
              java.util.Objects.requireNonNull(tree.remove(some)));
        }
      }
      case 6 -> {
        String to = FOLDERS[op.z() % FOLDERS.length];
        for (String p : paths) {
          if (!folder.equals(to) && p.startsWith(folder) && p.indexOf('/', folder.length()) < 0) {
            String content = tree.remove(p);
            if (content != null) {
              put(tree, to + p.substring(folder.length()), content);
            }
          }
        }
      }
      case 7 -> paths.stream().filter(p -> p.startsWith(folder)).forEach(tree::remove);
      case 8 -> {
        if (some != null) {
          put(tree, some + "/inner.yaml", manifest(nameOf(some + "/inner.yaml"), op));
          tree.remove(some);
        }
      }
      case 9 ->
          put(
              tree,
              folder + "two.yaml",
              manifest(nameOf(folder + "two-1"), op)
                  + "---\n"
                  + manifest(nameOf(folder + "two-2"), new Op(0, op.z(), 0, op.x())));
      case 10 -> put(tree, folder + "bad.yaml", "kind: [unclosed\n");
      case 11 -> put(tree, folder + ".gitops4jignore", "cm-" + op.z() % 40 + ".yaml\n");
      case 12 -> put(tree, folder + "README.md", "notes " + op.z());
      case 13 ->
          put(
              tree,
              folder + "vars.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  annotations:\n"
                  + "    gitops4j.dev/variables: \"true\"\ndata:\n  VALUE: v"
                  + op.z() % 3
                  + "\n");
      case 14 ->
          put(tree, folder + "kustomization.yaml", "resources:\n- cm-" + op.z() % 40 + ".yaml\n");
      default -> put(tree, folder + "empty.yaml", op.z() % 2 == 0 ? "" : "---\n");
    }
  }

  /**
   * Writes a file, removing what stands in its way (a file where a folder goes, or the reverse).
   */
  private static void put(NavigableMap<String, String> tree, String path, String content) {
    tree.keySet().removeIf(p -> p.startsWith(path + "/") || path.startsWith(p + "/"));
    tree.put(path, content);
  }

  /** A name unique to the path, so that most commits load without duplicates. */
  private static String nameOf(String path) {
    return "n-" + path.replace(".yaml", "").replace('/', '-').replace('.', '-');
  }

  private static String manifest(String name, Op op) {
    String on =
        op.z() % 40 == 0
            ? nameOf(FOLDERS[op.y() % FOLDERS.length] + "cm-" + op.x() % 3 + ".yaml")
            : "base";
    String deps =
        op.z() % 8 == 0 && !name.equals("base")
            ? "  annotations:\n    gitops4j.dev/depends-on: ConfigMap/" + on + "\n"
            : "";
    String value = op.z() % 7 == 0 ? "${VALUE}" : "v" + op.z();
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n"
        + deps
        + "data:\n  key: \""
        + value
        + "\"\n";
  }

  @Provide
  Arbitrary<List<List<Op>>> commits() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(40, Arbitraries.integers().between(0, 5)),
                    net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(6, 9)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(10, 15))),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000))
            .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(2).ofMaxSize(10);
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
