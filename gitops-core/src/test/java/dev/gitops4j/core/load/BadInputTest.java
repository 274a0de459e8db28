package dev.gitops4j.core.load;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitFixture;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input becomes a problem with its file, line and rule, never an exception. */
class BadInputTest {
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

  private static void assertProblem(Seq<Problem> problems, String file, int line, String rule) {
    assertThat(problems)
        .as("problems %s", problems)
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo(file);
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.rule()).isEqualTo(rule);
            });
  }

  @Test
  void unclosedQuote() {
    var problems = problemsOf("a.yaml", "kind: ConfigMap\nmetadata:\n  name: \"oops\ndata: {}\n");
    assertProblem(problems, "a.yaml", problems.head().line(), "yaml-syntax");
    assertThat(problems.head().line()).isBetween(3, 5);
    assertThat(problems.head().message()).doesNotContain("\n").isNotBlank();
  }

  @Test
  void badIndentation() {
    var problems = problemsOf("a.yaml", "kind: ConfigMap\nmetadata:\n  name: x\n namespace: y\n");
    assertProblem(problems, "a.yaml", 4, "yaml-syntax");
  }

  @Test
  void tabIndentation() {
    var problems = problemsOf("a.yaml", "kind: ConfigMap\nmetadata:\n\tname: x\n");
    assertProblem(problems, "a.yaml", 3, "yaml-syntax");
  }

  @Test
  void duplicateKey() {
    var problems = problemsOf("d/dup.yaml", "kind: ConfigMap\nmetadata:\n  name: x\n  name: y\n");
    assertProblem(problems, "d/dup.yaml", 4, "duplicate-key");
    assertThat(problems.head().message()).contains("'name'");
  }

  @Test
  void duplicateKeyInJson() {
    var problems =
        problemsOf(
            "a.json", "{\"kind\": \"A\",\n \"metadata\": {\"name\": \"x\"},\n \"kind\": \"B\"}");
    assertProblem(problems, "a.json", 3, "duplicate-key");
  }

  @Test
  void malformedJson() {
    var problems = problemsOf("a.json", "{\"kind\": \"A\",\n \"metadata\": {\"name\": \"x\"\n");
    assertThat(problems.head().rule()).isEqualTo("json-syntax");
    assertThat(problems.head().file()).isEqualTo("a.json");
  }

  @Test
  void documentThatIsNotAMapping() {
    var problems =
        problemsOf("a.yaml", manifest("ConfigMap", null, "ok", "") + "---\n- just\n- a list\n");
    assertProblem(problems, "a.yaml", 6, "not-a-mapping");
  }

  @Test
  void scalarDocument() {
    assertProblem(problemsOf("s.yaml", "hello\n"), "s.yaml", 1, "not-a-mapping");
  }

  @Test
  void missingKind() {
    var problems = problemsOf("a.yaml", "apiVersion: v1\nmetadata:\n  name: x\n");
    assertProblem(problems, "a.yaml", 1, "missing-field");
    assertThat(problems.head().message()).contains("kind");
  }

  @Test
  void missingName() {
    var problems =
        problemsOf("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n");
    assertProblem(problems, "a.yaml", 1, "missing-field");
    assertThat(problems.head().message()).contains("metadata.name");
  }

  @Test
  void sameIdTwice() {
    git.write("one.yaml", manifest("ConfigMap", "ns", "x", ""));
    var problems = problemsOf("two.yaml", "# comment\n" + manifest("ConfigMap", "ns", "x", ""));
    assertProblem(problems, "two.yaml", 2, "duplicate-resource");
    assertThat(problems.head().message()).contains("one.yaml:1");
    assertThat(problems.head().resource()).contains(ResourceId.of("ConfigMap", "ns", "x"));
  }

  @Test
  void invalidNames() {
    String longName = "a".repeat(254);
    var problems =
        problemsOf(
            "names.yaml",
            manifest("ConfigMap", null, "\"\"", "")
                + "---\n"
                + manifest("ConfigMap", null, "\"a\\0b\"", "")
                + "---\n"
                + manifest("ConfigMap", null, "a/b", "")
                + "---\n"
                + manifest("ConfigMap", null, "..", "")
                + "---\n"
                + manifest("ConfigMap", null, longName, ""));
    assertThat(problems.map(Problem::rule)).containsOnly("invalid-name");
    assertThat(problems.map(Problem::line)).containsExactly(4, 9, 14, 19, 24);
    assertThat(problems.get(1).message()).contains("\\u0000");
    assertThat(problems.get(4).message()).contains("254");
  }

  @Test
  void invisibleAndBidirectionalCharactersInNames() {
    var problems =
        problemsOf(
            "names.yaml",
            manifest("ConfigMap", null, "\"ad\\u200Bmin\"", "")
                + "---\n"
                + manifest("ConfigMap", null, "\"evil\\u202Etxt\"", "")
                + "---\n"
                + manifest("ConfigMap", "\"n\\u0085s\"", "x", "")
                + "---\n"
                + manifest("ConfigMap", null, "\"bom\\uFEFF\"", ""));
    assertThat(problems.map(Problem::rule)).containsOnly("invalid-name");
    assertThat(problems).hasSize(4);
    assertThat(problems.get(0).message()).contains("invisible").contains("\\u200B");
    assertThat(problems.get(1).message()).contains("U+202E").doesNotContain("\u202E");
    assertThat(problems.get(2).message()).contains("control character U+0085");
  }

  @Test
  void aliasBomb() {
    StringBuilder bomb = new StringBuilder("kind: ConfigMap\nmetadata:\n  name: lol\n");
    bomb.append(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ",").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    var problems = problemsOf("bomb.yaml", bomb.toString());
    assertProblem(problems, "bomb.yaml", 1, "alias-limit");
  }

  @Test
  void fileOverTheSizeLimit() {
    loader = ManifestLoader.builder().maxFileSize(100).build();
    var problems =
        problemsOf("big.yaml", manifest("ConfigMap", null, "x", "data:\n  a: " + "x".repeat(200)));
    assertProblem(problems, "big.yaml", 1, "file-too-large");
  }

  @Test
  void notUtf8() {
    git.write(
        "latin1.yaml",
        "kind: ConfigMap\nmetadata:\n  name: caf\u00e9\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    git.commit("latin1");
    var problems = LoadSupport.load(git, loader).getError();
    assertProblem(problems, "latin1.yaml", 3, "encoding");
    assertThat(problems.head().message()).contains("0xE9");
  }

  @Test
  void unknownDependency() {
    var problems =
        problemsOf(
            "a.yaml",
            manifest(
                "Deployment",
                "ns",
                "app",
                "  annotations:\n    gitops4j.dev/depends-on: ConfigMap/ns/missing\n"));
    assertProblem(problems, "a.yaml", 1, "unknown-dependency");
  }

  @Test
  void dependencyCycle() {
    git.write(
        "a.yaml", manifest("A", null, "a", "  annotations:\n    gitops4j.dev/depends-on: B/b\n"));
    var problems =
        problemsOf(
            "b.yaml",
            manifest("B", null, "b", "  annotations:\n    gitops4j.dev/depends-on: A/a\n"));
    assertThat(problems.map(Problem::rule)).contains("dependency-cycle");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    git.write("one.yaml", "apiVersion: v1\nkind: A\nmetadata: {}\n");
    git.write("two.yaml", "kind: [\n");
    var problems = problemsOf("three.yaml", "apiVersion: v1\nmetadata:\n  name: x\n");
    assertThat(problems.map(Problem::file)).containsExactly("one.yaml", "three.yaml", "two.yaml");
  }
}
