package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.JsonPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanApplyCommandTest {
  @TempDir Path tmp;
  Path repo;
  Path out;

  @BeforeEach
  void setUp() {
    repo = tmp.resolve("repo");
    out = tmp.resolve("out");
  }

  private void commit(String file, String content) throws Exception {
    Files.createDirectories(repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve(file), content);
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("c")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
  }

  private String[] args(String command, String... more) {
    String[] base = {command, "--repo", repo.toString(), "--target", "dir:" + out};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void planJsonCarriesThePatchThatTurnsTheFileOnDiskIntoTheDesiredDocument() throws Exception {
    commit(
        "a.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\ndata:\n  color: blue\n  size: \"1\"\nlist: [1, 2, 3]\n");
    assertThat(CliRun.of(args("apply")).code()).isZero();
    commit(
        "a.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n  labels:\n    team: x\ndata:\n  color: green\nlist: [1, 3]\n");

    CliRun plan = CliRun.of(args("plan", "--json"));
    assertThat(plan.code()).isEqualTo(2);
    Node.Obj json = (Node.Obj) Documents.parse("plan.json", plan.out()).get().single();
    Node.Obj change = (Node.Obj) json.at("/changes/0").get();
    assertThat(change.at("/action").get()).isEqualTo(Node.str("update"));
    assertThat(change.at("/resource/kind").get()).isEqualTo(Node.str("ConfigMap"));
    assertThat(change.at("/resource/namespace").get()).isEqualTo(Node.str("ns"));
    assertThat(change.at("/resource/name").get()).isEqualTo(Node.str("a"));

    Node onDisk =
        Documents.parse("a.yaml", Files.readString(out.resolve("ConfigMap/ns/a.yaml")))
            .get()
            .single();
    Node desired =
        Documents.parse("a.yaml", Files.readString(repo.resolve("a.yaml"))).get().single();
    var patch = JsonPatch.parse(change.at("/patch").get()).get();
    assertThat(patch).isNotEmpty();
    Node patched = JsonPatch.apply(onDisk, patch).get();
    assertThat(patched.at("/metadata/annotations/gitops4j.dev~1owner"))
        .contains(Node.str("gitops4j"));
    assertThat(JsonPatch.jsonEquals(patched.at("/data").get(), desired.at("/data").get())).isTrue();

    CliRun apply = CliRun.of(args("apply", "--json"));
    assertThat(apply.code()).isZero();
    Node written =
        Documents.parse("a.yaml", Files.readString(out.resolve("ConfigMap/ns/a.yaml")))
            .get()
            .single();
    assertThat(JsonPatch.jsonEquals(written, patched)).isTrue();
    assertThat(Documents.parse("r.json", apply.out()).get().single().at("/status").get())
        .isEqualTo(Node.str("succeeded"));
    CliRun again = CliRun.of(args("plan"));
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("nothing to do");
    assertThat(CliRun.of(args("drift")).code()).isZero();
  }

  @Test
  void driftIsReportedWithExitTwo() throws Exception {
    commit("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n");
    assertThat(CliRun.of(args("apply")).code()).isZero();
    Files.writeString(
        out.resolve("ConfigMap/_cluster/a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: edited\n");
    CliRun drift = CliRun.of(args("drift"));
    assertThat(drift.code()).isEqualTo(2);
    assertThat(drift.out()).contains("ConfigMap/a: differs from Git");
  }

  @Test
  void failedApplyExitsThree() throws Exception {
    commit("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    Files.createDirectories(out.resolve("ConfigMap/_cluster/a.yaml"));
    CliRun apply = CliRun.of(args("apply"));
    assertThat(apply.code()).isEqualTo(3);
    assertThat(apply.out()).contains("FAILED");
  }

  @Test
  void problemsExitOneAndTouchNothing() throws Exception {
    commit("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
    CliRun plan = CliRun.of(args("apply", "--json"));
    assertThat(plan.code()).isEqualTo(1);
    assertThat(plan.out()).contains("\"rule\" : \"missing-field\"");
    assertThat(out).doesNotExist();
    assertThat(CliRun.of("plan", "--repo", repo.toString(), "--target", "s3:bucket").code())
        .isEqualTo(64);
  }

  @Test
  void quickstartRunsEndToEnd() {
    CliRun run = CliRun.of("quickstart", "--dir", tmp.resolve("qs").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "~ update ConfigMap/demo/settings", "- delete ConfigMap/demo/legacy", "nothing to do");
    assertThat(tmp.resolve("qs/target/Deployment/demo/web.yaml")).exists();
    assertThat(tmp.resolve("qs/target/ConfigMap/demo/legacy.yaml")).doesNotExist();
  }

  @Test
  void aSavedPlanIsAppliedLaterAndRefusedWhenStale() throws Exception {
    commit("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n");
    Path saved = tmp.resolve("plan.json");
    CliRun plan = CliRun.of(args("plan", "--out", saved.toString()));
    assertThat(plan.code()).isEqualTo(2);
    assertThat(plan.out())
        .contains("+ create ConfigMap/a", "1 to create, 0 to update, 0 to delete");
    String first = Files.readString(saved);
    assertThat(CliRun.of(args("plan", "--out", saved.toString())).code()).isEqualTo(2);
    assertThat(Files.readString(saved)).isEqualTo(first);

    CliRun apply = CliRun.of(args("apply", "--plan", saved.toString()));
    assertThat(apply.code()).as(apply.out()).isZero();
    assertThat(out.resolve("ConfigMap/_cluster/a.yaml")).exists();

    CliRun again = CliRun.of(args("apply", "--plan", saved.toString(), "--json"));
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.out()).contains("\"refused\"", "\"status\" : \"refused\"");

    Path other = tmp.resolve("other");
    CliRun wrongTarget =
        CliRun.of(
            "apply",
            "--repo",
            repo.toString(),
            "--target",
            "dir:" + other,
            "--plan",
            saved.toString());
    assertThat(wrongTarget.code()).isEqualTo(1);
    assertThat(wrongTarget.out()).contains("plan-target");
    assertThat(other).doesNotExist();

    CliRun markdown = CliRun.of(args("plan", "--markdown"));
    assertThat(markdown.out()).contains("### Plan for");
  }
}
