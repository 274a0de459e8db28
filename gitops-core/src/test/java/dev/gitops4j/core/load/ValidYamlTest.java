package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid YAML that people commit loads without a false error, faithfully. */
class ValidYamlTest {
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

  private DesiredState load(String path, String content) {
    git.write(path, content);
    git.commit("c");
    var result = LoadSupport.load(git, loader);
    assertThat(result.isValid()).as("expected no problems, got %s", result).isTrue();
    return result.get();
  }

  private static Node at(DesiredState state, ResourceId id, String pointer) {
    return state.resources().get(id).get().body().at(pointer).get();
  }

  @Test
  void emptyDocumentsAreNothing() {
    var state =
        load(
            "a.yaml",
            "---\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: a\n---\n---\n\n---\n");
    assertThat(state.resources().keySet()).containsExactly(ResourceId.of("ConfigMap", "a"));
  }

  @Test
  void aQuotedEmptyDocumentIsStillNotAManifest() {
    git.write("a.yaml", "--- ''\n");
    git.commit("c");
    var result = LoadSupport.load(git, loader);
    assertThat(result.getError().head().rule()).isEqualTo("not-a-mapping");
  }

  @Test
  void listKindsExpandToTheirItemsAtTheirLines() {
    var state =
        load(
            "list.yaml",
            "apiVersion: v1\nkind: List\nitems:\n"
                + "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n"
                + "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n"
                + "    namespace: n\n");
    assertThat(state.resources().keySet())
        .containsExactly(ResourceId.of("ConfigMap", "a"), ResourceId.of("ConfigMap", "n", "b"));
    var b = state.resources().get(ResourceId.of("ConfigMap", "n", "b")).get();
    assertThat(b.provenance().get().line()).isEqualTo(8);
  }

  @Test
  void typedListKindsExpandAndTheirItemsAreChecked() {
    git.write(
        "roles.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleList\nitems:\n"
            + "- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n  metadata:\n"
            + "    name: ok\n"
            + "- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n  metadata:\n"
            + "    labels: {}\n");
    git.commit("c");
    var problems = LoadSupport.load(git, loader).getError();
    assertThat(problems).hasSize(1);
    assertThat(problems.head().rule()).isEqualTo("missing-field");
    assertThat(problems.head().line()).isEqualTo(8);
  }

  @Test
  void anEmptyListIsNothing() {
    var state =
        load(
            "a.yaml",
            "apiVersion: v1\nkind: ConfigMapList\nitems: []\n---\n"
                + GitFixture.manifest("ConfigMap", null, "x", ""));
    assertThat(state.size()).isEqualTo(1);
  }

  @Test
  void anchorsOnScalars() {
    var state =
        load(
            "a.yaml",
            GitFixture.manifest(
                "Deployment",
                "n",
                "web",
                "spec:\n  image: &img nginx:1.27\n  sidecar: *img\n  n: &n 3\n  m: *n\n"));
    var id = ResourceId.of("Deployment", "n", "web");
    assertThat(at(state, id, "/spec/sidecar")).isEqualTo(Node.str("nginx:1.27"));
    assertThat(at(state, id, "/spec/m")).isEqualTo(Node.num(3));
  }

  @Test
  void tabAfterAValue() {
    var state =
        load(
            "a.yaml",
            "apiVersion: v1\t\nkind: \"ConfigMap\"\t\nmetadata: {name: a}\t\ndata:\n"
                + "  x: 'y'\t\t \n  block: |\n    keep\t\n  z: 1\t\n");
    var id = ResourceId.of("ConfigMap", "a");
    assertThat(at(state, id, "/data/x")).isEqualTo(Node.str("y"));
    assertThat(at(state, id, "/data/block")).isEqualTo(Node.str("keep\t\n"));
    assertThat(at(state, id, "/data/z")).isEqualTo(Node.num(1));
  }

  @Test
  void infinityAndNotANumber() {
    var state =
        load(
            "a.yaml",
            GitFixture.manifest("Thing", null, "a", "spec:\n  a: .inf\n  b: -.Inf\n  c: .nan\n"));
    var id = ResourceId.of("Thing", "a");
    assertThat(at(state, id, "/spec/a")).isEqualTo(Node.str(".inf"));
    assertThat(at(state, id, "/spec/b")).isEqualTo(Node.str("-.Inf"));
    assertThat(at(state, id, "/spec/c")).isEqualTo(Node.str(".nan"));
  }

  @Test
  void lineBreakLikeCharactersSurviveTheRoundTrip() {
    for (String odd : new String[] {"a\u0085b", "a\u2028b", "a\u2029b", "a\rb", "tab\tin", "x\n"}) {
      Node.Obj doc = Node.obj("kind", Node.str("ConfigMap"), "data", Node.obj("v", Node.str(odd)));
      String yaml = Documents.toYaml(doc);
      assertThat(Documents.parse("a.yaml", yaml).get().head()).as(yaml).isEqualTo(doc);
    }
  }

  @Test
  void aValueWithNelConvergesOnADirectoryTarget() {
    var id = ResourceId.of("ConfigMap", "a");
    Node.Obj doc =
        Node.obj(
            "kind",
            Node.str("ConfigMap"),
            "metadata",
            Node.obj("name", Node.str("a")),
            "data",
            Node.obj("v", Node.str("x\u0085y")));
    DirectoryTarget target = DirectoryTarget.at(tmp.resolve("target"));
    target.put(id, doc);
    assertThat(target.get(id)).contains(doc);
  }
}
