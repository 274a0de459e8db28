package dev.gitops4j.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.load.ManifestLoader;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad kustomizations: every problem names the file, the line and the rule, through the loader. */
class KustomizeProblemsTest {
  @TempDir Path tmp;

  static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n";

  Validation<Seq<Problem>, DesiredState> load(GitFixture git, String path) {
    git.commit("change");
    try (GitRepository repo = GitRepository.local(git.dir()).path(path)) {
      return ManifestLoader.create().load(repo.checkout(repo.resolve().get()).get());
    }
  }

  GitFixture repo() throws Exception {
    return GitFixture.create(Files.createTempDirectory(tmp, "r"));
  }

  Problem single(Validation<Seq<Problem>, DesiredState> v, String rule) {
    assertThat(v.isInvalid()).as("expected a problem, got %s", v).isTrue();
    assertThat(v.getError().map(Problem::rule)).contains(rule);
    return v.getError().find(p -> p.rule().equals(rule)).get();
  }

  @Test
  void unknownAndUnsupportedFieldsNameFileAndLine() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "app/kustomization.yaml",
          "resources: [cm.yaml]\nnamePrefx: a-\nhelmCharts:\n  - name: x\n");
      git.write("app/cm.yaml", CM);
      var v = load(git, "app");
      Problem unknown = single(v, "kustomize-unknown-field");
      assertThat(unknown.toString())
          .startsWith("app/kustomization.yaml:2: kustomize-unknown-field:")
          .contains("namePrefx");
      Problem unsupported = single(v, "kustomize-unsupported");
      assertThat(unsupported.toString())
          .startsWith("app/kustomization.yaml:3: kustomize-unsupported:")
          .contains("helmCharts");
    }
  }

  @Test
  void unknownNestedFieldsAreProblemsToo() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "app/kustomization.yaml",
          "resources: [cm.yaml]\npatches:\n  - path: p.yaml\n    tagret: {kind: ConfigMap}\n");
      git.write("app/cm.yaml", CM);
      git.write("app/p.yaml", CM);
      Problem p = single(load(git, "app"), "kustomize-unknown-field");
      assertThat(p.toString())
          .startsWith(
              "app/kustomization.yaml:4: kustomize-unknown-field: unknown field 'tagret' in patches");
    }
  }

  @Test
  void cycleBetweenBases() throws Exception {
    try (GitFixture git = repo()) {
      git.write("a/kustomization.yaml", "resources:\n  - ../b\n");
      git.write("b/kustomization.yaml", "resources:\n  - cm.yaml\n  - ../a\n");
      git.write("b/cm.yaml", CM);
      Problem p = single(load(git, "a"), "kustomize-cycle");
      assertThat(p.file()).isEqualTo("b/kustomization.yaml");
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("a -> b -> a");
    }
  }

  @Test
  void missingFileAndEscapeFromTheRoot() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "app/kustomization.yaml", "resources:\n  - cm.yaml\n  - gone.yaml\n  - ../../outside\n");
      git.write("app/cm.yaml", CM);
      var v = load(git, "app");
      Problem missing = single(v, "kustomize-missing");
      assertThat(missing.toString())
          .startsWith("app/kustomization.yaml:3: kustomize-missing:")
          .contains("app/gone.yaml");
      Problem escape = single(v, "kustomize-escape");
      assertThat(escape.toString()).startsWith("app/kustomization.yaml:4: kustomize-escape:");
    }
  }

  @Test
  void patchThatMatchesNothing() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "app/kustomization.yaml",
          "resources: [cm.yaml]\npatches:\n  - path: p.yaml\n  - target: {kind: Secret}\n    patch: '[{\"op\": \"remove\", \"path\": \"/data\"}]'\n");
      git.write("app/cm.yaml", CM);
      git.write(
          "app/p.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: b}\n");
      var v = load(git, "app");
      assertThat(
              v.getError().filter(p -> p.rule().equals("patch-no-target")).map(Problem::toString))
          .anyMatch(s -> s.startsWith("app/p.yaml:1: patch-no-target: patch ConfigMap/other"))
          .contains(
              "app/kustomization.yaml:2: patch-no-target: patch target {kind: \"Secret\"}"
                  + " matches no resource");
    }
  }

  @Test
  void oneBaseUnderTwoOverlaysLoadedTogetherNamesTheSharedFileOnce() throws Exception {
    try (GitFixture git = repo()) {
      git.write("base/kustomization.yaml", "resources: [cm.yaml]\n");
      git.write("base/cm.yaml", CM);
      git.write("staging/kustomization.yaml", "resources: [../base]\n");
      git.write("production/kustomization.yaml", "resources: [../base]\n");
      var v = load(git, "");
      assertThat(v.getError().map(Problem::toString))
          .containsExactly(
              "base/cm.yaml:1: duplicate-resource: ConfigMap/cm comes 3 times from"
                  + " base/cm.yaml:1: more than one kustomization under the loaded path includes"
                  + " it (load one of them, for example one overlay) (ConfigMap/cm)");
    }
  }

  @Test
  void symlinkInTheGitTreeIsNotFollowed() throws Exception {
    try (GitFixture git = repo()) {
      git.write("app/kustomization.yaml", "resources:\n  - cm.yaml\n  - linked.yaml\n");
      git.write("app/cm.yaml", CM);
      git.write("real/secret.yaml", CM.replace("cm", "other"));
      Files.createSymbolicLink(
          git.dir().resolve("app/linked.yaml"), Path.of("../real/secret.yaml"));
      Problem p = single(load(git, "app"), "symlink");
      assertThat(p.toString()).startsWith("app/kustomization.yaml:3: symlink:");
    }
  }

  @Test
  void foldersWithoutKustomizationLoadAsBeforeAndUnitsRenderThroughIt() throws Exception {
    try (GitFixture git = repo()) {
      git.write("plain/cm.yaml", CM);
      git.write("plain/other.yaml", CM.replace("name: cm", "name: other"));
      git.write("kust/kustomization.yaml", "resources: [cm.yaml]\nnamePrefix: k-\nnamespace: ns\n");
      git.write("kust/cm.yaml", CM);
      git.write("kust/patch-not-a-resource.yaml", "apiVersion: v1\nkind: ConfigMap\n");
      DesiredState s = load(git, "").get();
      assertThat(s.resources().keySet().map(Object::toString))
          .containsExactlyInAnyOrder("ConfigMap/cm", "ConfigMap/other", "ConfigMap/ns/k-cm");
      assertThat(
              s.resources()
                  .values()
                  .find(r -> r.id().name().equals("k-cm"))
                  .get()
                  .provenance()
                  .get()
                  .file())
          .isEqualTo("kust/cm.yaml");
    }
  }

  @Test
  void overlayReachesABaseOutsideItsPath() throws Exception {
    try (GitFixture git = repo()) {
      git.write("base/kustomization.yaml", "resources: [cm.yaml]\n");
      git.write("base/cm.yaml", CM);
      git.write("overlays/prod/kustomization.yaml", "resources: [../../base]\nnameSuffix: -prod\n");
      git.write("unrelated/x.yaml", CM.replace("name: cm", "name: x"));
      DesiredState s = load(git, "overlays/prod").get();
      assertThat(s.resources().keySet().map(Object::toString)).containsExactly("ConfigMap/cm-prod");
    }
  }
}
