package dev.gitops4j.core.apply;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.FieldChange;
import dev.gitops4j.api.plan.IgnoreRule;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three-way planning through the facade, a real Git repository, a directory target and a file state
 * store: fields someone else set survive, fields Git removed go, edits outside Git are drift.
 */
class ThreeWayPlanningTest {
  static final ResourceId CM = ResourceId.of("ConfigMap", "app", "settings");
  @TempDir Path tmp;
  GitFixture git;
  Path out;

  @BeforeEach
  void setUp() {
    git = GitFixture.create(tmp.resolve("repo"));
    out = tmp.resolve("out");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private GitOps gitops(Target target) {
    return GitOps.builder()
        .repository(GitRepository.local(git.dir()))
        .target(target)
        .stateStore(FileStateStore.at(tmp.resolve("state")))
        .selfHeal(true)
        .build();
  }

  private GitOps gitops() {
    return gitops(DirectoryTarget.at(out));
  }

  private void commit(String data) {
    git.write("cm.yaml", manifest("ConfigMap", "app", "settings", "data:\n" + data)).commit("c");
  }

  private Node.Obj onDisk() throws Exception {
    return (Node.Obj)
        Documents.parse("f", Files.readString(DirectoryTarget.at(out).fileOf(CM))).get().single();
  }

  private void editOnDisk(String pointer, Node value) throws Exception {
    Node.Obj doc = onDisk();
    Node.Obj data = (Node.Obj) doc.get("data").get();
    Node.Obj edited = doc.with("data", data.with(pointer, value));
    DirectoryTarget.at(out).put(CM, edited);
  }

  private static Seq<FieldChange> fields(Plan plan) {
    return ((Change.Update) plan.changes().single()).fields();
  }

  @Test
  void aFieldSomeoneElseSetIsKeptWhileGitChangesItsOwn() throws Exception {
    commit("  a: \"1\"\n");
    try (GitOps g = gitops()) {
      assertThat(g.reconcile().get().succeeded()).isTrue();
      DirectoryTarget.at(out).put(CM, onDisk().with("status", Node.obj("ready", Node.bool(true))));
      editOnDisk("foreign", Node.str("theirs"));
      assertThat(g.plan().get().isEmpty()).isTrue();

      commit("  a: \"2\"\n");
      Plan plan = g.plan().get();
      assertThat(fields(plan))
          .containsExactly(
              new FieldChange(
                  "/data/a",
                  Option.of(Node.str("1")),
                  Option.of(Node.str("2")),
                  FieldChange.Reason.CHANGED_IN_GIT));
      assertThat(g.reconcile().get().succeeded()).isTrue();
      assertThat(onDisk().at("/data/foreign")).contains(Node.str("theirs"));
      assertThat(onDisk().at("/status/ready")).contains(Node.bool(true));
      assertThat(onDisk().at("/data/a")).contains(Node.str("2"));
      assertThat(g.plan().get().isEmpty()).isTrue();
    }
  }

  @Test
  void aFieldRemovedFromGitIsRemoved() throws Exception {
    commit("  a: \"1\"\n  b: \"2\"\n");
    try (GitOps g = gitops()) {
      g.reconcile().get();
      commit("  a: \"1\"\n");
      Plan plan = g.plan().get();
      assertThat(fields(plan))
          .containsExactly(
              new FieldChange(
                  "/data/b",
                  Option.of(Node.str("2")),
                  Option.none(),
                  FieldChange.Reason.REMOVED_FROM_GIT));
      g.reconcile().get();
      assertThat(onDisk().at("/data/b")).isEmpty();
      assertThat(g.plan().get().isEmpty()).isTrue();
    }
  }

  @Test
  void aFieldWeOwnChangedOutsideGitIsDrift() throws Exception {
    commit("  a: \"1\"\n");
    try (GitOps g = gitops()) {
      g.reconcile().get();
      editOnDisk("a", Node.str("hacked"));
      assertThat(fields(g.plan().get()))
          .containsExactly(
              new FieldChange(
                  "/data/a",
                  Option.of(Node.str("hacked")),
                  Option.of(Node.str("1")),
                  FieldChange.Reason.DRIFT));
      g.reconcile().get();
      assertThat(onDisk().at("/data/a")).contains(Node.str("1"));
    }
  }

  @Test
  void ignoredFieldsKeepWhatTheTargetHolds() throws Exception {
    commit("  a: \"1\"\n  b: \"1\"\n");
    try (GitOps g = gitops()) {
      g.reconcile().get();
      editOnDisk("a", Node.str("scaled"));
      PlanOptions ignoreA =
          PlanOptions.DEFAULTS.withIgnores(List.of(IgnoreRule.kind("ConfigMap", "/data/a")));
      assertThat(g.plan(ignoreA).get().isEmpty()).isTrue();
      PlanOptions ignoreOther =
          PlanOptions.DEFAULTS.withIgnores(
              List.of(IgnoreRule.resource(ResourceId.of("ConfigMap", "app", "other"), "/data/a")));
      assertThat(g.plan(ignoreOther).get().isEmpty()).isFalse();
      commit("  a: \"1\"\n  b: \"2\"\n");
      assertThat(g.reconcile(ignoreA).get().succeeded()).isTrue();
      assertThat(onDisk().at("/data/a")).contains(Node.str("scaled"));
      assertThat(onDisk().at("/data/b")).contains(Node.str("2"));
    }
  }

  /** A directory target that declares an immutable field and normalises quantities. */
  static final class StrictTarget implements Target {
    final DirectoryTarget dir;

    StrictTarget(Path root) {
      dir = DirectoryTarget.at(root);
    }

    @Override
    public ActualState observe() {
      return dir.observe();
    }

    @Override
    public void put(ResourceId id, Node.Obj document) {
      dir.put(id, normalize(id, document));
    }

    @Override
    public void delete(ResourceId id) {
      dir.delete(id);
    }

    @Override
    public Seq<String> immutableFields(String kind) {
      return kind.equals("ConfigMap") ? List.of("/data/immutable") : List.empty();
    }

    @Override
    public Node.Obj normalize(ResourceId id, Node.Obj document) {
      return document.at("/data/cpu").contains(Node.str("0.5"))
          ? document.with(
              "data", ((Node.Obj) document.get("data").get()).with("cpu", Node.str("500m")))
          : document;
    }

    @Override
    public String describe() {
      return "strict:" + dir.root();
    }
  }

  @Test
  void aChangedImmutableFieldIsAReplace() {
    commit("  immutable: \"x\"\n  other: \"1\"\n");
    try (GitOps g = gitops(new StrictTarget(out))) {
      g.reconcile().get();
      commit("  immutable: \"x\"\n  other: \"2\"\n");
      assertThat(g.plan().get().changes().single().action()).isEqualTo(Change.Action.UPDATE);
      commit("  immutable: \"y\"\n  other: \"2\"\n");
      assertThat(g.plan().get().changes().single().action()).isEqualTo(Change.Action.REPLACE);
      assertThat(g.reconcile().get().succeeded()).isTrue();
      assertThat(g.plan().get().isEmpty()).isTrue();
    }
  }

  @Test
  void aNormalisingTargetConverges() {
    commit("  cpu: \"0.5\"\n");
    try (GitOps g = gitops(new StrictTarget(out))) {
      assertThat(g.reconcile().get().succeeded()).isTrue();
      assertThat(g.plan().get().isEmpty()).isTrue();
    }
  }

  @Test
  void theRepositoryConfigIgnoresFieldsAndReportsBadEntriesWithTheirLine() throws Exception {
    git.write(
        "gitops4j.yaml",
        "policies:\n  requiredLabels: []\nplan:\n  ignore:\n    - kind: ConfigMap\n      pointer: /data/a\n");
    commit("  a: \"1\"\n");
    try (GitOps g = gitops()) {
      g.reconcile().get();
      editOnDisk("a", Node.str("scaled"));
      assertThat(g.plan().get().isEmpty()).isTrue();
      git.write(
          "gitops4j.yaml",
          "plan:\n  ignore:\n    - kind: ConfigMap\n      pointer: /data/a\n    - kind: X\n      pointer: data\n      colour: red\n  bogus: 1\n");
      commit("  a: \"1\"\n");
      assertThat(g.plan().getError().map(Object::toString))
          .containsExactlyInAnyOrder(
              "gitops4j.yaml:5: config: plan.ignore[1] needs a 'pointer' starting with '/'",
              "gitops4j.yaml:7: config: unknown key 'plan.ignore[1].colour' (allowed: [kind, name, namespace, pointer])",
              "gitops4j.yaml:8: config: unknown key 'plan.bogus' (allowed: [ignore, listKeys])");
      assertThat(onDisk().at("/data/a")).contains(Node.str("scaled"));
    }
  }

  @Test
  void aSecretRemovedFromGitShowsRedacted() throws Exception {
    git.write(
            "cm.yaml",
            manifest(
                "ConfigMap",
                "app",
                "settings",
                "data:\n  a: \"1\"\n  token: ${secret:env:GITOPS4J_TEST_TOKEN}\n"))
        .commit("c");
    try (GitOps g =
        GitOps.builder()
            .repository(GitRepository.local(git.dir()))
            .target(DirectoryTarget.at(out))
            .stateStore(FileStateStore.at(tmp.resolve("state")))
            .secrets(
                dev.gitops4j.core.secrets.StaticSecretProvider.of(
                    "env", java.util.Map.of("GITOPS4J_TEST_TOKEN", "canary-7f3e")))
            .build()) {
      assertThat(g.reconcile().get().succeeded()).isTrue();
      assertThat(onDisk().at("/data/token")).contains(Node.str("canary-7f3e"));
      commit("  a: \"1\"\n");
      Plan plan = g.plan().get();
      String text =
          dev.gitops4j.core.report.PlanFormat.text(plan, "t")
              + Documents.toJson(dev.gitops4j.core.report.PlanFormat.json(plan));
      assertThat(text).doesNotContain("canary-7f3e").contains("/data/token", "<redacted>");
      assertThat(fields(plan).single().reason()).isEqualTo(FieldChange.Reason.REMOVED_FROM_GIT);
    }
  }
}
