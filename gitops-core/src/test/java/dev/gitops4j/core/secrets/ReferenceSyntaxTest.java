package dev.gitops4j.core.secrets;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.source.GitRepository;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret references are never written literally by mistake: malformed ones are problems at the
 * field's line, references inside longer strings are interpolated, <code>$${</code> escapes.
 */
class ReferenceSyntaxTest {
  @TempDir Path tmp;

  private GitOps gitops(GitFixture git) {
    return GitOps.builder()
        .repository(GitRepository.local(git.dir()))
        .secrets(EnvSecretProvider.of(Map.of("X", "xval-9d1", "PW", "pw-77c")))
        .build();
  }

  @Test
  void malformedReferencesAreProblemsAtTheirLine() {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write(
          "a.yaml",
          manifest(
              "ConfigMap",
              "ns",
              "a",
              "data:\n"
                  + "  a: ${secret:env:}\n"
                  + "  b: ${secret:FOO}\n"
                  + "  c: \"${ secret:env:X }\"\n"
                  + "  d: ${secret:env:X\n"
                  + "  e: ${secret:1x:X}\n"));
      git.commit("c");
      try (GitOps g = gitops(git)) {
        var problems = g.validate().getError();
        assertThat(problems.map(Problem::rule)).containsOnly("secret-reference");
        assertThat(problems.map(Problem::line)).containsExactly(7, 8, 9, 10, 11);
        assertThat(problems.map(Problem::message))
            .satisfiesExactly(
                m -> assertThat(m).contains("empty key"),
                m -> assertThat(m).contains("needs a scheme and a key"),
                m -> assertThat(m).contains("spaces"),
                m -> assertThat(m).contains("no closing"),
                m -> assertThat(m).contains("scheme"));
      }
    }
  }

  @Test
  void referencesInsideLongerStringsAreInterpolated() {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write(
          "a.yaml",
          manifest(
              "ConfigMap",
              "ns",
              "a",
              "data:\n"
                  + "  url: postgres://app:${secret:env:PW}@db/${secret:env:X}\n"
                  + "  prefixed: prefix-${secret:env:X}\n"
                  + "  escaped: $${secret:env:X}\n"
                  + "  flux: ${cluster_env}-${secrets}\n"));
      git.commit("c");
      try (GitOps g = gitops(git)) {
        Node.Obj body = g.validate().get().get(ResourceId.of("ConfigMap", "ns", "a")).get().body();
        Node url = body.at("/data/url").get();
        assertThat(url).isInstanceOf(Node.SecretText.class);
        assertThat(((Node.SecretText) url).secret().reveal())
            .isEqualTo("postgres://app:pw-77c@db/xval-9d1");
        assertThat(((Node.SecretText) body.at("/data/prefixed").get()).secret().reveal())
            .isEqualTo("prefix-xval-9d1");
        assertThat(body.at("/data/escaped")).contains(Node.str("${secret:env:X}"));
        assertThat(body.at("/data/flux")).contains(Node.str("${cluster_env}-${secrets}"));
        assertThat(Documents.toYaml(body)).doesNotContain("pw-77c").doesNotContain("xval");
      }
    }
  }

  @Test
  void anUnresolvedReferenceInsideAStringNamesItsLine() {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write(
          "a.yaml",
          manifest("ConfigMap", "ns", "a", "data:\n  ok: 1\n  u: x-${secret:env:NOPE}-y\n"));
      git.commit("c");
      try (GitOps g = gitops(git)) {
        var problems = g.validate().getError();
        assertThat(problems).hasSize(1);
        assertThat(problems.head().rule()).isEqualTo("secret-unresolved");
        assertThat(problems.head().line()).isEqualTo(8);
      }
    }
  }
}
