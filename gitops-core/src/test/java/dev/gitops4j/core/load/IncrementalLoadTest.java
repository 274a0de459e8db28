package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.control.Option;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit read against the previous snapshot records what it changed, and the loader patches the
 * previous desired state with those files alone; anything with an effect beyond its file reloads
 * everything.
 */
class IncrementalLoadTest {
  @TempDir Path dir;
  GitFixture git;
  GitRepository repo;
  ManifestLoader loader;
  Snapshot previous;

  @BeforeEach
  void twoHundredFiles() {
    git = GitFixture.create(dir);
    for (int i = 0; i < 200; i++) {
      git.write("apps/f" + i % 10 + "/cm-" + i + ".yaml", cm("cm-" + i, "v1"));
    }
    repo = GitRepository.local(dir);
    loader = ManifestLoader.create();
    previous = checkout(git.commit("first"), null);
    assertThat(loader.load(previous).get().size()).isEqualTo(200);
  }

  @Test
  void aTenFileCommitParsesTenFilesAndPatchesTheState() {
    for (int i = 0; i < 10; i++) {
      git.write("apps/f" + i + "/cm-" + i * 11 + ".yaml", cm("cm-" + i * 11, "v2"));
    }
    git.delete("apps/f5/cm-15.yaml");
    git.write("new/cm-new.yaml", cm("cm-new", "v1"));
    Snapshot next = checkout(git.commit("ten"), previous);

    assertThat(next.changes().get().changed()).hasSize(11);
    assertThat(next.changes().get().removed()).containsExactly("apps/f5/cm-15.yaml");
    long parsed = loader.filesParsed();
    DesiredState state = loader.load(next).get();

    assertThat(loader.loadsPatched()).isEqualTo(1);
    assertThat(loader.filesParsed() - parsed).isEqualTo(11);
    assertThat(state).isEqualTo(ManifestLoader.create().load(checkout(next, null)).get());
    assertThat(state.size()).isEqualTo(200);
    assertThat(state.get(ResourceId.of("ConfigMap", "cm-15"))).isEmpty();
    assertThat(state.get(ResourceId.of("ConfigMap", "cm-22")).get().body().at("/data/key"))
        .map(n -> n.asText().get())
        .contains("v2");
  }

  @Test
  void aCommitThatChangesNothingLoadedIsPatchedToTheSameResources() {
    git.write("README.md", "notes");
    Snapshot next = checkout(git.commit("docs"), previous);

    DesiredState state = loader.load(next).get();

    assertThat(loader.loadsPatched()).isEqualTo(1);
    assertThat(state.revision()).isEqualTo(next.revision());
    assertThat(state.resources()).isEqualTo(loader.load(previous).get().resources());
  }

  @Test
  void ignoreFilesKustomizationsAndProblemsLoadEverything() {
    git.write("apps/f1/.gitops4jignore", "cm-1.yaml\n");
    Snapshot ignored = checkout(git.commit("ignore"), previous);
    assertThat(loader.load(ignored).get().size()).isEqualTo(199);

    git.write("apps/f2/cm-2.yaml", cm("cm-3", "duplicate"));
    Snapshot duplicate = checkout(git.commit("duplicate"), ignored);
    assertThat(loader.load(duplicate).getError().map(p -> p.rule()))
        .containsExactly("duplicate-resource");

    git.write("apps/f2/cm-2.yaml", cm("cm-2", "fixed"));
    Snapshot fixed = checkout(git.commit("fixed"), duplicate);
    assertThat(loader.load(fixed).get().size()).isEqualTo(199);

    assertThat(loader.loadsPatched()).isZero();
  }

  @Test
  void aPreviousBlobThatIsGoneAndNoLongerCachedMeansAFullLoad() throws Exception {
    ManifestLoader small = ManifestLoader.builder().cacheCapacity(1).build();
    small.load(previous).get();
    String gone = previous.files().get("apps/f3/cm-3.yaml").get().blobId();
    git.write("apps/f3/cm-3.yaml", cm("cm-3", "v2"));
    Snapshot next = checkout(git.commit("changed"), previous);
    java.nio.file.Files.delete(
        dir.resolve(".git/objects/" + gone.substring(0, 2) + "/" + gone.substring(2)));

    DesiredState state = small.load(next).get();

    assertThat(small.loadsPatched()).isZero();
    assertThat(state.size()).isEqualTo(200);
    assertThat(state.get(ResourceId.of("ConfigMap", "cm-3")).get().body().at("/data/key"))
        .map(n -> n.asText().get())
        .contains("v2");
  }

  @Test
  void aSnapshotReadWithoutThePreviousOneRecordsNoChanges() {
    git.write("apps/f1/cm-1.yaml", cm("cm-1", "v2"));
    String id = git.commit("one");

    assertThat(checkout(id, null).changes()).isEqualTo(Option.none());
    Snapshot.Changes changes = checkout(id, previous).changes().get();
    assertThat(changes.base()).isEqualTo(previous.revision());
    assertThat(changes.all()).containsExactly("apps/f1/cm-1.yaml");
  }

  private Snapshot checkout(String commit, @Nullable Snapshot base) {
    Revision rev = repo.resolve(commit).get();
    return base == null ? repo.checkout(rev).get() : repo.checkout(rev, base).get();
  }

  private Snapshot checkout(Snapshot same, @Nullable Snapshot base) {
    return checkout(same.revision().commit(), base);
  }

  private static String cm(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\ndata:\n  key: "
        + value
        + "\n";
  }
}
