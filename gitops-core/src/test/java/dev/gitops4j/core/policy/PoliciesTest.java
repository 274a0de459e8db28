package dev.gitops4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies from code and from gitops4j.yaml, all problems together, with file, line and rule. */
class PoliciesTest {
  @TempDir Path tmp;

  static String cm(String name, String ns) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + ns
        + "\n";
  }

  Validation<Seq<Problem>, DesiredState> validate(GitFixture git, Policy... policies) {
    git.commit("change");
    GitOps.Builder b = GitOps.builder().repository(GitRepository.local(git.dir()));
    for (Policy p : policies) {
      b.policy(p);
    }
    try (GitOps gitops = b.build()) {
      return gitops.validate();
    }
  }

  GitFixture repo() throws Exception {
    return GitFixture.create(Files.createTempDirectory(tmp, "r"));
  }

  @Test
  void repositoryConventionsReportEveryBreachWithFileLineAndRule() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "gitops4j.yaml",
          """
          policies:
            naming: {convention: kebab-case}
            requiredLabels: [team]
            placement:
              - {path: teams/a, namespaces: [team-a]}
            forbiddenFields: [/spec/template/spec/hostNetwork]
            limits: {documentBytes: 400}
            schemas:
              - {kind: Widget, file: .schemas/widget.json}
          """);
      git.write(
          ".schemas/widget.json",
          "{\"type\": \"object\", \"required\": [\"spec\"], \"properties\": {\"spec\": {\"type\": \"object\", \"properties\": {\"size\": {\"type\": \"integer\"}}}}}");
      git.write(
          "teams/a/ok.yaml",
          cm("fine-name", "team-a").replace("metadata:\n", "metadata:\n  labels: {team: a}\n"));
      git.write("teams/a/bad.yaml", "# a comment\n" + cm("Bad_Name", "team-b"));
      git.write(
          "teams/a/widget.yaml",
          "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: team-a, labels: {team: a}}\nspec: {size: big}\n");
      git.write(
          "teams/a/deploy.yaml",
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: team-a, labels: {team: a}}\nspec:\n  template:\n    spec: {hostNetwork: true, containers: [{name: c, image: x, args: [\""
              + "x".repeat(400)
              + "\"]}]}\n");
      var v = validate(git);
      assertThat(v.isInvalid()).isTrue();
      assertThat(v.getError().map(Problem::toString))
          .anyMatch(
              s -> s.startsWith("teams/a/bad.yaml:2: naming: name 'Bad_Name' is not kebab-case"))
          .anyMatch(
              s -> s.startsWith("teams/a/bad.yaml:2: required-label: label 'team' is required"))
          .anyMatch(
              s ->
                  s.startsWith(
                      "teams/a/bad.yaml:2: allowed-namespace: namespace 'team-b' is not allowed under teams/a"))
          .anyMatch(
              s ->
                  s.startsWith(
                      "teams/a/deploy.yaml:1: forbidden-field: field /spec/template/spec/hostNetwork is forbidden"))
          .anyMatch(s -> s.startsWith("teams/a/deploy.yaml:1: limit-document-size:"))
          .anyMatch(
              s ->
                  s.startsWith("teams/a/widget.yaml:1: schema: .schemas/widget.json:")
                      && s.contains("integer"));
      assertThat(v.getError().map(Problem::toString)).noneMatch(s -> s.contains("fine-name"));
    }
  }

  @Test
  void aPathWithoutWildcardsIsThatFileOrThatFolder() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "gitops4j.yaml",
          """
          policies:
            placement:
              - {path: teams/a/special.yaml, namespaces: [special]}
              - {path: teams/b, namespaces: [team-b]}
          """);
      git.write("teams/a/special.yaml", cm("s", "elsewhere"));
      git.write("teams/a/other.yaml", cm("o", "elsewhere"));
      git.write("teams/b/x/deep.yaml", cm("d", "elsewhere"));
      git.write("teams/bb/near.yaml", cm("n", "elsewhere"));
      var v = validate(git);
      assertThat(v.getError().map(Problem::file))
          .containsExactlyInAnyOrder("teams/a/special.yaml", "teams/b/x/deep.yaml");
    }
  }

  @Test
  void unknownKeysInTheConfigAreProblemsAtTheirLine() throws Exception {
    try (GitFixture git = repo()) {
      git.write(
          "gitops4j.yaml",
          "policies:\n  naming:\n    convention: kebab-case\n    sufix: -x\n  colour: blue\n");
      git.write("a.yaml", cm("a", "x"));
      var v = validate(git);
      assertThat(v.getError().map(Problem::toString))
          .containsExactly(
              "gitops4j.yaml:4: config: unknown key 'naming.sufix' (allowed: [convention, kinds, paths, pattern, prefix, suffix])",
              "gitops4j.yaml:5: config: unknown key 'policies.colour' (allowed: [forbiddenFields, limits, naming, placement, requiredAnnotations, requiredLabels, schemas])");
    }
  }

  @Test
  void codePoliciesAndPerEnvironmentPrefixes() throws Exception {
    try (GitFixture git = repo()) {
      git.write("prod/a.yaml", cm("prod-api", "p"));
      git.write("prod/b.yaml", cm("api", "p"));
      git.write("staging/c.yaml", cm("api", "s"));
      var v =
          validate(
              git,
              NamingPolicy.kebabCase().withPrefix("prod-").under("prod"),
              NamingPolicy.kebabCase().withPrefix("staging-").under("staging/**"),
              LimitsPolicy.none().resourcesPerNamespace(1));
      assertThat(v.getError().map(Problem::toString))
          .containsExactlyInAnyOrder(
              "prod/b.yaml:1: naming: name 'api' is not kebab-case, starting with 'prod-' (ConfigMap/p/api)",
              "staging/c.yaml:1: naming: name 'api' is not kebab-case, starting with 'staging-' (ConfigMap/s/api)",
              "prod/a.yaml:1: limit-resources-per-namespace: namespace 'p' holds more than 1 resources (ConfigMap/p/prod-api)");
    }
  }
}
