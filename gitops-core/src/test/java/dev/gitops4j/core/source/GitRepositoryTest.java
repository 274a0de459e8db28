package dev.gitops4j.core.source;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.load.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
  @TempDir Path tmp;
  GitFixture git;
  String first;
  String second;
  String third;

  @BeforeEach
  void history() {
    git = GitFixture.create(tmp.resolve("work"));
    git.write("prod/app.yaml", manifest("ConfigMap", "prod", "app", "data:\n  v: \"1\"\n"));
    git.write("dev/app.yaml", manifest("ConfigMap", "dev", "app", "data:\n  v: \"1\"\n"));
    git.write("README.md", "not a manifest");
    first = git.commit("first");
    git.tag("v1.0.0");
    git.write(
        "prod/more.yaml",
        manifest("Service", "prod", "web", "") + "---\n" + manifest("Namespace", null, "prod", ""));
    second = git.commit("second");
    git.branch("release");
    git.delete("dev/app.yaml");
    git.write("prod/app.yaml", manifest("ConfigMap", "prod", "app", "data:\n  v: \"3\"\n"));
    third = git.commit("third");
  }

  @AfterEach
  void close() {
    git.close();
  }

  private static DesiredState load(GitRepository repo, String ref) {
    Revision rev = repo.resolve(ref).get();
    return ManifestLoader.create().load(repo.checkout(rev).get()).get();
  }

  private static List<String> ids(DesiredState s) {
    return s.resources().keySet().map(ResourceId::toString).toJavaList();
  }

  @Test
  void loadsEachRevisionByBranchTagAndCommit() {
    try (GitRepository repo = GitRepository.local(git.dir())) {
      assertThat(ids(load(repo, "v1.0.0")))
          .containsExactly("ConfigMap/dev/app", "ConfigMap/prod/app");
      assertThat(ids(load(repo, "release")))
          .containsExactly(
              "ConfigMap/dev/app", "ConfigMap/prod/app", "Namespace/prod", "Service/prod/web");
      assertThat(ids(load(repo, "main")))
          .containsExactly("ConfigMap/prod/app", "Namespace/prod", "Service/prod/web");
      assertThat(ids(load(repo, first.substring(0, 8)))).hasSize(2);
      assertThat(repo.resolve("v1.0.0").get().commit()).isEqualTo(first);
      assertThat(repo.resolve("release").get().commit()).isEqualTo(second);
      assertThat(repo.resolve().get().commit()).isEqualTo(third);
      assertThat(repo.resolve().get().summary()).isEqualTo("third");
      assertThat(
              load(repo, "main")
                  .get(ResourceId.of("ConfigMap", "prod", "app"))
                  .get()
                  .body()
                  .at("/data/v")
                  .get()
                  .asText())
          .contains("3");
    }
  }

  @Test
  void sameRevisionLoadsEqualTwice() {
    try (GitRepository repo = GitRepository.local(git.dir())) {
      DesiredState a = load(repo, second);
      DesiredState b = load(repo, second);
      assertThat(a).isEqualTo(b);
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
  }

  @Test
  void subPathRestrictsTheFiles() {
    try (GitRepository repo = GitRepository.local(git.dir()).path("prod/")) {
      DesiredState s = load(repo, "v1.0.0");
      assertThat(ids(s)).containsExactly("ConfigMap/prod/app");
      assertThat(s.resources().values().head().provenance().get().file())
          .isEqualTo("prod/app.yaml");
    }
  }

  @Test
  void problemsForMissingRefPathAndRepository() {
    try (GitRepository repo = GitRepository.local(git.dir())) {
      Problem p = repo.resolve("no-such-branch").getLeft();
      assertThat(p.rule()).isEqualTo("ref-not-found");
      assertThat(p.message()).contains("no-such-branch");
    }
    try (GitRepository repo = GitRepository.local(git.dir()).path("staging")) {
      Problem p = repo.checkout(repo.resolve().get()).getLeft();
      assertThat(p.rule()).isEqualTo("path-not-found");
      assertThat(p.toString()).startsWith("staging: path-not-found:");
    }
    try (GitRepository repo = GitRepository.local(tmp.resolve("nowhere"))) {
      assertThat(repo.resolve().getLeft().rule()).isEqualTo("repository-not-found");
    }
  }

  @Test
  void emptyRepository() throws Exception {
    Path empty = tmp.resolve("empty");
    Git.init().setDirectory(empty.toFile()).call().close();
    try (GitRepository repo = GitRepository.local(empty)) {
      Problem p = repo.resolve().getLeft();
      assertThat(p.rule()).isEqualTo("empty-repository");
    }
  }

  @Test
  void clonesAndFetchesARemoteUrl() {
    Path cache = tmp.resolve("cache");
    String url = git.dir().toUri().toString();
    try (GitRepository repo = GitRepository.remote(url, cache).branch("main")) {
      assertThat(repo.resolve().get().commit()).isEqualTo(third);
      assertThat(Files.isDirectory(cache.resolve("objects"))).isTrue();
    }
    git.write("prod/new.yaml", manifest("Secret", "prod", "s", ""));
    String fourth = git.commit("fourth");
    try (GitRepository repo = GitRepository.remote(url, cache).branch("main")) {
      assertThat(repo.resolve().get().commit()).isEqualTo(fourth);
      assertThat(ids(load(repo, "main"))).contains("Secret/prod/s");
      assertThat(repo.resolve("v1.0.0").get().commit()).isEqualTo(first);
    }
  }

  @Test
  void readsABareRepositoryAndOneMadeByTheGitCli() throws Exception {
    Path bare = tmp.resolve("bare.git");
    Git.cloneRepository()
        .setURI(git.dir().toUri().toString())
        .setBare(true)
        .setDirectory(bare.toFile())
        .call()
        .close();
    try (GitRepository repo = GitRepository.local(bare)) {
      assertThat(repo.resolve().get().commit()).isEqualTo(third);
    }
    Path cli = tmp.resolve("cli");
    Files.createDirectories(cli.resolve("m"));
    Files.writeString(cli.resolve("m/a.yml"), manifest("ConfigMap", null, "from-cli", ""));
    run(cli, "git", "init", "-q", "-b", "trunk");
    run(cli, "git", "add", ".");
    run(
        cli,
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@e",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "-m",
        "cli");
    run(cli, "git", "tag", "v2");
    try (GitRepository repo = GitRepository.local(cli).ref("v2")) {
      assertThat(ids(load(repo, "trunk"))).containsExactly("ConfigMap/from-cli");
    }
  }

  @Test
  void historyListsNewestFirst() {
    try (GitRepository repo = GitRepository.local(git.dir())) {
      assertThat(repo.history(10).map(Revision::summary))
          .containsExactly("third", "second", "first");
      assertThat(repo.history(1)).hasSize(1);
    }
  }

  @Test
  void reparsesOnlyChangedFiles() {
    ManifestLoader loader = ManifestLoader.create();
    try (GitRepository repo = GitRepository.local(git.dir())) {
      loader.load(repo.checkout(repo.resolve(second).get()).get());
      long afterSecond = loader.filesParsed();
      assertThat(afterSecond).isEqualTo(3);
      loader.load(repo.checkout(repo.resolve(third).get()).get());
      assertThat(loader.filesParsed() - afterSecond).isEqualTo(1);
    }
  }

  private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
