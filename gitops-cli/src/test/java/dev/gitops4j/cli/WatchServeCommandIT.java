package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops4j watch} and {@code gitops4j serve} end to end, serve with the real git CLI. */
class WatchServeCommandIT {
  @TempDir Path tmp;

  private Path bareWith(String file, String content) throws Exception {
    Path seed = tmp.resolve("seed");
    try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
      Files.writeString(seed.resolve(file), content);
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("seed")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    Path bare = tmp.resolve("infra.git");
    Git.cloneRepository()
        .setURI(seed.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    return bare;
  }

  private static String git(Path dir, String... args) throws Exception {
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
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() + "\n" + out;
  }

  @Test
  void watchPollsAndReconciles() throws Exception {
    Path bare = bareWith("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    Path target = tmp.resolve("target");
    CliRun run =
        CliRun.of(
            "watch",
            "--repo",
            bare.toUri().toString(),
            "--target",
            "dir:" + target,
            "--interval",
            "1s",
            "--jitter",
            "0",
            "--polls",
            "2");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("reconciled").contains("SUCCEEDED").contains("unchanged at");
    assertThat(target.resolve("ConfigMap/_cluster/a.yaml")).exists();
    CliRun bad =
        CliRun.of(
            "watch", "--repo", bare.toString(), "--target", "dir:" + target, "--interval", "soon");
    assertThat(bad.code()).isEqualTo(64);
  }

  @Test
  void watchWithAWebhookReconcilesAPushAtOnce() throws Exception {
    Path bare = bareWith("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    Path target = tmp.resolve("target");
    Path secret = Files.writeString(tmp.resolve("hook-secret"), "hook-s3cret\n");
    StringWriter out = new StringWriter();
    Thread watch =
        new Thread(
            () ->
                Main.run(
                    new String[] {
                      "watch",
                      "--repo",
                      bare.toString(),
                      "--target",
                      "dir:" + target,
                      "--interval",
                      "1h",
                      "--webhook-port",
                      "0",
                      "--webhook-secret-file",
                      secret.toString()
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true)));
    watch.start();
    try {
      Pattern receiving =
          Pattern.compile("receiving github webhooks at (http://127\\.0\\.0\\.1:\\d+/hook)");
      Matcher m = receiving.matcher(out.toString());
      for (int i = 0; i < 2400 && !m.find(); i++) {
        Thread.sleep(25);
        m = receiving.matcher(out.toString());
      }
      assertThat(m.find(0)).as(out.toString()).isTrue();
      Path a = target.resolve("ConfigMap/_cluster/a.yaml");
      for (int i = 0; i < 2400 && !Files.exists(a); i++) {
        Thread.sleep(25);
      }
      assertThat(a).exists();

      Path work = tmp.resolve("work");
      assertThat(git(tmp, "clone", "-q", bare.toString(), work.toString())).startsWith("0\n");
      Files.writeString(
          work.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
      git(work, "add", ".");
      git(work, "commit", "-q", "-m", "b");
      assertThat(git(work, "push", "-q", "origin", "HEAD:main")).startsWith("0\n");

      String body = "{\"ref\":\"refs/heads/main\"}";
      String signature =
          "sha256="
              + java.util.HexFormat.of()
                  .formatHex(
                      dev.gitops4j.core.trigger.WebhookReceiver.hmac(
                          "hook-s3cret".getBytes(StandardCharsets.UTF_8),
                          body.getBytes(StandardCharsets.UTF_8)));
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1)))
                      .header("X-GitHub-Event", "push")
                      .header("X-Hub-Signature-256", signature)
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(202);
      Path b = target.resolve("ConfigMap/_cluster/b.yaml");
      for (int i = 0; i < 2400 && !Files.exists(b); i++) {
        Thread.sleep(25);
      }
      assertThat(b).as(out.toString()).exists();
    } finally {
      watch.interrupt();
      watch.join(10_000);
    }
  }

  @Test
  void serveRejectsABadPushAndReconcilesAGoodOne() throws Exception {
    Path bare = bareWith("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    Path target = tmp.resolve("target");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread server =
        new Thread(
            () ->
                Main.run(
                    new String[] {
                      "serve", "--repo", bare.toString(), "--target", "dir:" + target, "--port", "0"
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(err, true)));
    server.start();
    try {
      Pattern serving = Pattern.compile("serving (git://127\\.0\\.0\\.1:\\d+/infra\\.git)");
      Matcher m = serving.matcher(out.toString());
      for (int i = 0; i < 2400 && !m.find(); i++) {
        Thread.sleep(25);
        m = serving.matcher(out.toString());
      }
      assertThat(m.find(0)).as(out + " " + err).isTrue();
      String url = m.group(1);
      Path work = tmp.resolve("work");
      assertThat(git(tmp, "clone", "-q", url, work.toString())).startsWith("0\n");
      Files.writeString(
          work.resolve("b.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"has/slash\"\n");
      git(work, "add", ".");
      git(work, "commit", "-q", "-m", "bad");
      String rejected = git(work, "push", "origin", "HEAD:main");
      assertThat(rejected).doesNotStartWith("0\n").contains("remote: b.yaml:4: invalid-name");
      Files.writeString(
          work.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
      git(work, "add", ".");
      git(work, "commit", "-q", "-m", "good");
      assertThat(git(work, "push", "origin", "HEAD:main")).startsWith("0\n");
      Path b = target.resolve("ConfigMap/_cluster/b.yaml");
      for (int i = 0; i < 2400 && !Files.exists(b); i++) {
        Thread.sleep(25);
      }
      assertThat(b).exists();
    } finally {
      server.interrupt();
      server.join(10_000);
    }
  }
}
