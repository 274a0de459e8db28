package dev.gitops4j.core.trigger;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real git CLI pushing over git://127.0.0.1 to the embedded server. */
class GitServerIT {
  @TempDir Path tmp;

  record Run(int code, String output) {}

  private Run git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=Dev",
                "-c",
                "user.email=dev@example.com",
                "-c",
                "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  @Test
  void badPushIsRejectedWithEveryProblemAndAGoodOneIsReconciled() throws Exception {
    Path bare = tmp.resolve("infra.git");
    try (GitFixture seed = GitFixture.create(tmp.resolve("seed"))) {
      seed.write("app.yaml", manifest("ConfigMap", "prod", "app", "data:\n  v: \"1\"\n"));
      seed.commit("first");
      Git.cloneRepository()
          .setURI(seed.dir().toUri().toString())
          .setDirectory(bare.toFile())
          .setBare(true)
          .call()
          .close();
    }
    Path target = tmp.resolve("target");
    ManualScheduler time = new ManualScheduler();
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(bare).ref("main"))
            .target(DirectoryTarget.at(target))
            .scheduler(time)
            .build()) {
      Poller poller = Poller.builder(gitops).jitter(0).build();
      try (Debouncer reconcile = Debouncer.start(poller::poll, Duration.ofSeconds(1), time);
          GitServer server = GitServer.builder(bare, gitops).onPush(reconcile::request).start()) {
        assertThat(server.uri()).isEqualTo("git://127.0.0.1:" + server.port() + "/infra.git");
        assertThat(server.watchedBranch()).isEqualTo("refs/heads/main");
        Path work = tmp.resolve("work");
        Run clone = git(tmp, "clone", "-q", server.uri(), work.toString());
        assertThat(clone.code()).as(clone.output()).isZero();

        Files.writeString(
            work.resolve("bad.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
        Files.writeString(work.resolve("worse.yaml"), "apiVersion: v1\nmetadata:\n  name: x\n");
        git(work, "add", ".");
        git(work, "commit", "-q", "-m", "bad");
        Run rejected = git(work, "push", "origin", "HEAD:main");
        assertThat(rejected.code()).isNotZero();
        assertThat(rejected.output())
            .contains(
                "remote: bad.yaml:5: duplicate-key: key 'name' appears twice in the same mapping")
            .contains("remote: worse.yaml:1: missing-field: kind is required")
            .contains("2 problems");
        assertThat(target.resolve("ConfigMap")).doesNotExist();

        git(work, "rm", "-q", "bad.yaml", "worse.yaml");
        Files.writeString(work.resolve("web.yaml"), manifest("ConfigMap", "prod", "web", ""));
        git(work, "add", ".");
        git(work, "commit", "-q", "-m", "good");
        Run accepted = git(work, "push", "origin", "HEAD:main");
        assertThat(accepted.code()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("resources valid").contains("reconcile queued");

        Path web = target.resolve("ConfigMap/prod/web.yaml");
        for (int i = 0; i < 2400 && !Files.exists(web); i++) {
          Thread.sleep(25);
        }
        assertThat(web).exists();
        assertThat(target.resolve("ConfigMap/prod/app.yaml")).exists();

        // The plan shown to the pusher follows the pushed gitops4j.yaml's plan settings.
        Files.writeString(
            work.resolve("app.yaml"), manifest("ConfigMap", "prod", "app", "data:\n  v: \"2\"\n"));
        Files.writeString(
            work.resolve("gitops4j.yaml"),
            "plan:\n  ignore:\n    - {kind: ConfigMap, pointer: /data/v}\n");
        git(work, "add", ".");
        git(work, "commit", "-q", "-m", "v2, ignored");
        Run ignored = git(work, "push", "origin", "HEAD:main");
        assertThat(ignored.code()).as(ignored.output()).isZero();
        assertThat(ignored.output()).contains("2 resources valid; plan: 0 changes");

        // A push that would leave nothing while resources are owned is refused, not pruned.
        git(work, "rm", "-q", "app.yaml", "web.yaml");
        Files.writeString(work.resolve("empty.yaml"), "---\n");
        git(work, "add", ".");
        git(work, "commit", "-q", "-m", "everything gone");
        Run emptied = git(work, "push", "origin", "HEAD:main");
        assertThat(emptied.code()).isNotZero();
        assertThat(emptied.output()).contains("empty-desired-state");
        assertThat(web).exists();

        Run other = git(work, "push", "origin", "HEAD:refs/heads/scratch");
        assertThat(other.code()).as("other branches are not validated").isZero();
      }
    }
  }
}
