package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing on several threads gives exactly what parsing on one gives: the same resources, the same
 * problems in the same order, whatever the executor does.
 */
class ParallelLoadTest {
  @TempDir Path dir;
  ExecutorService pool;
  @org.jspecify.annotations.Nullable GitRepository repo;

  @BeforeEach
  void start() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (repo != null) {
      repo.close();
    }
  }

  @Test
  void aValidRepositoryLoadsTheSameOnFourThreadsAsOnOne() {
    Snapshot snapshot = repository(false);
    AtomicInteger helpers = new AtomicInteger();
    ManifestLoader parallel =
        ManifestLoader.builder()
            .parallelism(4)
            .executor(
                task -> {
                  helpers.incrementAndGet();
                  pool.execute(task);
                })
            .build();

    DesiredState state = parallel.load(snapshot).get();

    assertThat(helpers.get()).isEqualTo(3);
    assertThat(state.size()).isEqualTo(900);
    assertThat(state).isEqualTo(sequential().load(snapshot).get());
  }

  @Test
  void problemsComeInTheSameOrderOnManyThreads() throws IOException {
    Snapshot snapshot = repository(true);
    Validation<Seq<Problem>, DesiredState> one = sequential().load(snapshot);

    Validation<Seq<Problem>, DesiredState> many =
        ManifestLoader.builder().parallelism(4).executor(pool).build().load(snapshot);

    assertThat(one.getError().map(Problem::rule))
        .contains("yaml-syntax", "duplicate-resource", "symlink");
    assertThat(many).isEqualTo(one);
  }

  @Test
  void anExecutorThatRejectsOrNeverRunsTasksCannotBlockALoad() {
    Snapshot snapshot = repository(false);
    List<Runnable> neverRun = new ArrayList<>();
    ManifestLoader idle = ManifestLoader.builder().parallelism(4).executor(neverRun::add).build();
    ManifestLoader rejecting =
        ManifestLoader.builder()
            .parallelism(2)
            .executor(
                task -> {
                  throw new RejectedExecutionException("full");
                })
            .build();

    assertThat(idle.load(snapshot).get().size()).isEqualTo(900);
    assertThat(neverRun).hasSize(3);
    assertThat(rejecting.load(snapshot).get().size()).isEqualTo(900);
  }

  @Test
  void parallelismBelowOneIsRefused() {
    assertThatThrownBy(() -> ManifestLoader.builder().parallelism(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism must be at least 1: 0");
  }

  private static ManifestLoader sequential() {
    return ManifestLoader.builder().parallelism(1).build();
  }

  private Snapshot repository(boolean withProblems) {
    GitFixture git = GitFixture.create(dir);
    for (int i = 0; i < 900; i++) {
      git.write(
          "apps/f" + i % 30 + "/cm-" + i + ".yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + i + "\ndata:\n  k: v\n");
    }
    if (withProblems) {
      git.write("apps/f3/bad.yaml", "kind: [\n");
      git.write(
          "apps/f20/again.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-7\n");
      git.write("zz/bad.yaml", "metadata: {name: x\n");
      try {
        Files.createSymbolicLink(dir.resolve("apps/f9/link.yaml"), Path.of("cm-9.yaml"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    git.commit("files");
    GitRepository opened = GitRepository.local(dir);
    repo = opened;
    return opened.checkout(opened.resolve().get()).get();
  }
}
