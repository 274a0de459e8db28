package dev.gitops4j.core.load;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitFixture;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that used to be accepted silently, losing something, is a problem with its line. */
class SilentAcceptanceTest {
  @TempDir Path tmp;
  GitFixture git;
  ManifestLoader loader = ManifestLoader.create();

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private Seq<Problem> problemsOf(String path, String content) {
    git.write(path, content);
    git.commit("bad");
    var result = LoadSupport.load(git, loader);
    assertThat(result.isInvalid()).as("expected problems, got %s", result).isTrue();
    return result.getError();
  }

  private static void assertOne(Seq<Problem> problems, int line, String rule, String text) {
    assertThat(problems).as("%s", problems).hasSize(1);
    assertThat(problems.head().line()).isEqualTo(line);
    assertThat(problems.head().rule()).isEqualTo(rule);
    assertThat(problems.head().message()).contains(text);
  }

  @Test
  void missingApiVersion() {
    assertOne(
        problemsOf("a.yaml", "kind: ConfigMap\nmetadata:\n  name: a\n"),
        1,
        "missing-field",
        "apiVersion is required");
    git.write("a.yaml", "apiVersion: 3\nkind: ConfigMap\nmetadata:\n  name: a\n");
    git.commit("c");
    assertOne(LoadSupport.load(git, loader).getError(), 1, "invalid-field", "apiVersion");
  }

  @Test
  void dependsOnGivenAsAList() {
    assertOne(
        problemsOf(
            "a.yaml",
            manifest("ConfigMap", "ns", "a", "")
                + "  annotations:\n    gitops4j.dev/depends-on:\n    - Namespace/ns\n"),
        6,
        "invalid-field",
        "separated by commas");
  }

  @Test
  void labelsAndAnnotationsMustBeMappingsOfStrings() {
    var problems =
        problemsOf(
            "a.yaml",
            manifest("ConfigMap", null, "a", "")
                + "  labels: [a]\n---\n"
                + manifest("ConfigMap", null, "b", "")
                + "  annotations:\n    replicas: 3\n---\n"
                + manifest("ConfigMap", null, "c", "")
                + "  labels: nope\n");
    assertThat(problems.map(Problem::rule)).containsOnly("invalid-field");
    assertThat(problems.map(Problem::line)).containsExactly(5, 11, 18);
    assertThat(problems.get(1).message()).contains("'replicas' must be a string, not a number");
  }

  @Test
  void mergeKeyOfAScalar() {
    assertOne(
        problemsOf("a.yaml", manifest("ConfigMap", null, "a", "data:\n  <<: 5\n  k: v\n")),
        6,
        "yaml-syntax",
        "merge key '<<' needs a mapping");
  }

  @Test
  void generateNameNeedsAStableName() {
    assertOne(
        problemsOf(
            "a.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n"),
        1,
        "missing-field",
        "stable name");
  }

  @Test
  void helmTemplatesAreSaidToBeTemplates() {
    var problems =
        problemsOf(
            "chart/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n"
                + "  labels:\n    {{- include \"x.labels\" . | nindent 4 }}\n");
    assertOne(problems, 4, "template", "this file is a template");
    assertThat(problems.head().message()).doesNotContain("org.yaml").doesNotContain("Event");
    var parsing =
        problemsOf(
            "chart/templates/svc.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: \"{{ .Release.Name }}\"\n");
    assertThat(parsing.map(Problem::file)).contains("chart/templates/svc.yaml");
    assertThat(parsing.filter(p -> p.file().endsWith("svc.yaml")).head().rule())
        .isEqualTo("template");
  }

  @Test
  void prometheusTemplatesInsideValidYamlAreContent() {
    git.write(
        "rule.yaml",
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: r\n"
            + "spec:\n  groups:\n  - name: g\n    rules:\n    - alert: Down\n"
            + "      annotations:\n        description: '{{ $labels.instance }} is down'\n");
    git.commit("c");
    assertThat(LoadSupport.load(git, loader).isValid()).isTrue();
  }

  @Test
  void parserInternalsNeverReachAMessage() {
    var problems = problemsOf("a.yaml", "apiVersion: v1\nkind: A\nmetadata: {name: a\n  - b: c\n");
    assertThat(problems.head().message()).doesNotContain("org.yaml").doesNotContain("snakeyaml");
  }
}
