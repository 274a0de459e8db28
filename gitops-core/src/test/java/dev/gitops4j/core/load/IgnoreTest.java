package dev.gitops4j.core.load;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.source.GitRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .gitops4jignore} files and exclude patterns leave YAML that is not a manifest out. */
class IgnoreTest {
  @TempDir Path tmp;
  GitFixture git;

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
    git.write("prod/app.yaml", manifest("ConfigMap", "prod", "app", ""));
    git.write("prod/dashboards/d.json", "{\"title\": \"not a manifest\"}");
    git.write("prod/ci/pipeline.yml", "stages: [build]\n");
    git.write("prod/fixtures/keep.yaml", manifest("ConfigMap", "prod", "keep", ""));
    git.write("prod/fixtures/drop.yaml", "just: data\n");
    git.write("prod/x.tmpl.yaml", "x: 1\n");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private java.util.Set<ResourceId> loadedIds(String path, ManifestLoader loader) {
    try (GitRepository repo = GitRepository.local(git.dir()).path(path)) {
      var result = loader.load(repo.checkout(repo.resolve().get()).get());
      assertThat(result.isValid()).as("%s", result).isTrue();
      return result.get().resources().keySet().toJavaSet();
    }
  }

  @Test
  void withoutRulesEveryYamlIsLoaded() {
    git.commit("c");
    try (GitRepository repo = GitRepository.local(git.dir())) {
      var result = ManifestLoader.create().load(repo.checkout(repo.resolve().get()).get());
      assertThat(result.isInvalid()).isTrue();
    }
  }

  @Test
  void theRootIgnoreFileAppliesEvenToASubPath() {
    git.write(
        ".gitops4jignore",
        "# not manifests\ndashboards/\n/prod/ci/\n*.tmpl.yaml\n**/fixtures/*\n!**/fixtures/keep.yaml\n");
    git.commit("c");
    assertThat(loadedIds("prod", ManifestLoader.create()))
        .containsExactlyInAnyOrder(
            ResourceId.of("ConfigMap", "prod", "app"), ResourceId.of("ConfigMap", "prod", "keep"));
    assertThat(loadedIds("", ManifestLoader.create())).hasSize(2);
  }

  @Test
  void nestedIgnoreFilesApplyBelowTheirFolder() {
    git.write("prod/.gitops4jignore", "dashboards\nci\n*.tmpl.yaml\n");
    git.write("prod/fixtures/.gitops4jignore", "drop.yaml\n");
    git.commit("c");
    assertThat(loadedIds("prod", ManifestLoader.create())).hasSize(2);
  }

  @Test
  void excludePatternsFromTheBuilder() {
    git.commit("c");
    ManifestLoader loader =
        ManifestLoader.builder()
            .exclude("dashboards/")
            .exclude("ci")
            .exclude("**/fixtures/drop.yaml")
            .exclude("*.tmpl.yaml")
            .build();
    assertThat(loadedIds("", loader)).hasSize(2);
  }

  @Test
  void anExcludeCannotBeReincludedByAnIgnoreFile() {
    git.write(
        "prod/.gitops4jignore", "dashboards/\nci/\n*.tmpl.yaml\nfixtures/drop.yaml\n!app.yaml\n");
    git.commit("c");
    assertThat(loadedIds("prod", ManifestLoader.builder().exclude("app.yaml").build()))
        .containsExactly(ResourceId.of("ConfigMap", "prod", "keep"));
  }

  @Test
  void anEmptyPatternIsRefused() {
    assertThatThrownBy(() -> ManifestLoader.builder().exclude("  "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ManifestLoader.builder().exclude("# comment"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
