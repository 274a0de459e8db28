package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.GitOps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRepositoryTest {
  static final String WEB =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: app\ndata:\n  color: green\n";

  static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n";

  final InMemoryRepository repo = InMemoryRepository.create();

  @Test
  void anEmptyRepositoryIsAProblemNotAnException() {
    assertThat(repo.resolve().getLeft().rule()).isEqualTo("empty-repository");
  }

  @Test
  void commitsPutAndDeleteFilesAndMoveMain() {
    Revision first =
        repo.commit("add web").put("apps/web.yaml", WEB).put("old.yaml", "x: 1").done();
    assertThat(repo.resolve().get())
        .isEqualTo(new Revision(first.commit(), "HEAD", first.time(), "add web"));
    Revision second = repo.commit("drop old").delete("old.yaml").done();
    Snapshot snap = repo.checkout(repo.resolve().get()).get();
    assertThat(snap.files().keySet()).containsExactly("apps/web.yaml");
    assertThat(
            new String(snap.files().get("apps/web.yaml").get().content(), StandardCharsets.UTF_8))
        .isEqualTo(WEB);
    assertThat(repo.history(10).map(Revision::summary)).containsExactly("drop old", "add web");
    assertThat(second.time()).isAfter(first.time());
  }

  @Test
  void tagsBranchesAndSubPathsWork() {
    Revision v1 = repo.commit("v1").put("prod/a.yaml", WEB).tag("v1.0.0").done();
    repo.commit("v2").put("prod/b.yaml", WEB).annotatedTag("v2.0.0", "release two").done();
    repo.branch("feature");
    Revision f = repo.commit("feature work").onBranch("feature").put("dev/c.yaml", WEB).done();
    assertThat(repo.resolve("v1.0.0").get().commit()).isEqualTo(v1.commit());
    assertThat(repo.ref("v2.0.0").resolve().get().summary()).isEqualTo("v2");
    assertThat(repo.ref("feature").resolve().get().commit()).isEqualTo(f.commit());
    assertThat(repo.resolve().get().summary()).isEqualTo("v2");
    InMemoryRepository prod = repo.path("prod");
    assertThat(prod.checkout(prod.resolve().get()).get().files().keySet())
        .containsExactly("prod/a.yaml", "prod/b.yaml");
    repo.tag("old", v1.commit());
    assertThat(repo.resolve("old").get().commit()).isEqualTo(v1.commit());
    String main = repo.resolve().get().commit();
    assertThat(repo.isAncestor(v1.commit(), main).get()).isTrue();
    assertThat(repo.isAncestor(f.commit(), main).get()).isFalse();
    Problem missing = repo.path("nowhere").checkout(repo.resolve().get()).getLeft();
    assertThat(missing.rule()).isEqualTo("path-not-found");
  }

  @Test
  void putAllCopiesAFolderOfTestResources() {
    repo.commit("import").putAll(Path.of("src/test/resources/sample-infra")).done();
    repo.commit("again under a prefix")
        .putAll(Path.of("src/test/resources/sample-infra"), "copy")
        .done();
    assertThat(repo.checkout(repo.resolve().get()).get().files().keySet())
        .containsExactly(
            "apps/web.yaml", "copy/apps/web.yaml", "copy/namespace.yaml", "namespace.yaml");
  }

  @Test
  void theSameCommitsGiveTheSameIds() {
    Revision a = InMemoryRepository.create().commit("one").put("a.yaml", WEB).done();
    Revision b = InMemoryRepository.create().commit("one").put("a.yaml", WEB).done();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void commitTimesFollowAnInjectedClock() {
    VirtualClock clock = VirtualClock.create();
    InMemoryRepository timed = InMemoryRepository.create(clock);
    clock.advance(Duration.ofHours(3));
    assertThat(timed.commit("late").put("a.yaml", WEB).done().time())
        .isEqualTo(VirtualClock.DEFAULT_START.plus(Duration.ofHours(3)));
  }

  @Test
  void mistakesInTheFixtureAreRefusedClearly() {
    repo.commit("one").put("apps/web.yaml", WEB).done();
    assertThatThrownBy(() -> repo.commit("x").delete("nothing.yaml").done())
        .hasMessageContaining("no file or folder 'nothing.yaml'");
    assertThatThrownBy(() -> repo.commit("x").put("../evil.yaml", WEB))
        .hasMessageContaining("bad path");
    assertThatThrownBy(() -> repo.commit("x").put("apps", WEB).done())
        .hasMessageContaining("is a folder");
    assertThatThrownBy(() -> repo.commit("x").put("apps/web.yaml/x", WEB).done())
        .hasMessageContaining("is a file");
    assertThatThrownBy(() -> repo.branch("main")).hasMessageContaining("already exists");
    assertThatThrownBy(() -> repo.commit("t").tag("a").tag("a").done())
        .hasMessageContaining("tag a already exists");
  }

  @Test
  void gitOpsReconcilesFromIt() {
    repo.commit("add web").put("apps/web.yaml", WEB).put("namespace.yaml", NAMESPACE).done();
    InMemoryTarget target = InMemoryTarget.create();
    try (GitOps gitops = GitOps.builder().repository(repo).target(target).build()) {
      assertThat(gitops.reconcile().get().succeeded()).isTrue();
      assertThat(target.snapshot().resources().keySet())
          .containsExactly(
              ResourceId.of("ConfigMap", "app", "web"), ResourceId.of("Namespace", "app"));
      repo.commit("remove web").delete("apps").done();
      assertThat(gitops.reconcile().get().succeeded()).isTrue();
      assertThat(target.snapshot().resources().keySet())
          .containsExactly(ResourceId.of("Namespace", "app"));
    }
  }
}
