package dev.gitops4j.core.secrets;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.report.Reports;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {
  @TempDir Path tmp;

  @Test
  void referencesResolveRedactedAndReachTheTargetInClear() throws Exception {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write(
          "a.yaml",
          manifest(
              "ConfigMap",
              "ns",
              "a",
              "data:\n  pw: ${secret:static:db}\n  env: ${secret:env:HOME_DIR}\n  text: not a ${secret:static:db} reference\n"));
      git.commit("refs");
      Path out = tmp.resolve("out");
      try (GitOps g =
          GitOps.builder()
              .repository(GitRepository.local(git.dir()))
              .target(DirectoryTarget.at(out))
              .secrets(StaticSecretProvider.of(Map.of("db", "s3cr3t-value")))
              .secrets(EnvSecretProvider.of(Map.of("HOME_DIR", "/home/x")))
              .build()) {
        Node.Obj body = g.validate().get().get(ResourceId.of("ConfigMap", "ns", "a")).get().body();
        assertThat(body.at("/data/pw").get()).isInstanceOf(Node.SecretText.class);
        assertThat(body.toString()).doesNotContain("s3cr3t-value");
        assertThat(body.at("/data/text").get()).isInstanceOf(Node.SecretText.class);
        Plan plan = g.plan().get();
        assertThat(Documents.toJson(Reports.plan(plan)))
            .contains("<redacted>")
            .doesNotContain("s3cr3t-value");
        assertThat(g.reconcile().get().succeeded()).isTrue();
        assertThat(Files.readString(out.resolve("ConfigMap/ns/a.yaml")))
            .contains("pw: s3cr3t-value", "env: /home/x", "text: not a s3cr3t-value reference");
        Plan again = g.plan().get();
        assertThat(again.isEmpty())
            .as("a secret equal to the target's value is no change")
            .isTrue();
      }
      git.write(
          "a.yaml", manifest("ConfigMap", "ns", "a", "data:\n  pw: ${secret:static:rotated}\n"));
      git.commit("rotate");
      try (GitOps g =
          GitOps.builder()
              .repository(GitRepository.local(git.dir()))
              .target(DirectoryTarget.at(out))
              .secrets(StaticSecretProvider.of(Map.of("rotated", "n3w-value")))
              .build()) {
        Change change = g.plan().get().effectiveChanges().single();
        assertThat(change.action()).isEqualTo(Change.Action.UPDATE);
        assertThat(Documents.toJson(Reports.plan(g.plan().get())))
            .doesNotContain("n3w-value")
            .doesNotContain("s3cr3t");
      }
    }
  }

  @Test
  void unresolvableReferencesAreProblemsWithFileAndLine() throws Exception {
    try (GitFixture git = GitFixture.create(tmp.resolve("repo"))) {
      git.write(
          "b.yaml",
          "# top\n"
              + manifest(
                  "Secret",
                  "ns",
                  "b",
                  "data:\n  a: ${secret:static:missing}\n  b: ${secret:vault:x/y}\n"));
      git.commit("bad refs");
      try (GitOps g =
          GitOps.builder()
              .repository(GitRepository.local(git.dir()))
              .secrets(StaticSecretProvider.of(Map.of()))
              .build()) {
        var problems = g.validate().getError();
        assertThat(problems.map(Problem::rule))
            .containsExactly("secret-unresolved", "secret-unresolved");
        assertThat(problems.map(Problem::file)).containsOnly("b.yaml");
        assertThat(problems.map(Problem::line)).containsExactly(8, 9);
        assertThat(problems.get(0).message()).contains("static:missing");
        assertThat(problems.get(1).message()).contains("no secret provider for scheme 'vault'");
      }
    }
  }
}
