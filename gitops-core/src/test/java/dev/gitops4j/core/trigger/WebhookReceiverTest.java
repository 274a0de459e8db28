package dev.gitops4j.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import dev.gitops4j.core.trigger.WebhookReceiver.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed webhooks on 127.0.0.1: right, wrong and missing signatures, other events, big bodies. */
class WebhookReceiverTest {
  private static final String SECRET = "s3cret-webhook-key";
  private static final String PUSH_MAIN = "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}";

  final HttpClient http = HttpClient.newHttpClient();
  final AtomicInteger pushes = new AtomicInteger();
  @org.jspecify.annotations.Nullable WebhookReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private WebhookReceiver start(Kind kind) throws Exception {
    WebhookReceiver started =
        WebhookReceiver.builder(kind, Secret.of(SECRET))
            .branch("main")
            .maxBodyBytes(4096)
            .onPush(pushes::incrementAndGet)
            .start();
    receiver = started;
    assertThat(started.uri()).startsWith("http://127.0.0.1:");
    return started;
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(java.util.Objects.requireNonNull(receiver).uri()))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String key, String body) {
    return "sha256="
        + HexFormat.of()
            .formatHex(
                WebhookReceiver.hmac(
                    key.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void github() throws Exception {
    WebhookReceiver github = start(Kind.GITHUB);
    HttpResponse<String> ok =
        post(PUSH_MAIN, "X-GitHub-Event", "push", "X-Hub-Signature-256", sign(SECRET, PUSH_MAIN));
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(ok.body()).contains("reconcile queued");
    assertThat(pushes).hasValue(1);

    assertThat(
            post(
                    PUSH_MAIN,
                    "X-GitHub-Event",
                    "push",
                    "X-Hub-Signature-256",
                    sign("wrong", PUSH_MAIN))
                .statusCode())
        .isEqualTo(401);
    assertThat(post(PUSH_MAIN, "X-GitHub-Event", "push").statusCode()).isEqualTo(401);
    String tampered = PUSH_MAIN.replace("abc", "abd");
    HttpResponse<String> bad =
        post(tampered, "X-GitHub-Event", "push", "X-Hub-Signature-256", sign(SECRET, PUSH_MAIN));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).doesNotContain(SECRET);
    assertThat(
            post(PUSH_MAIN, "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=zz")
                .statusCode())
        .isEqualTo(401);

    HttpResponse<String> issue =
        post(PUSH_MAIN, "X-GitHub-Event", "issues", "X-Hub-Signature-256", sign(SECRET, PUSH_MAIN));
    assertThat(issue.statusCode()).isEqualTo(202);
    assertThat(issue.body()).contains("ignored");
    String other = "{\"ref\":\"refs/heads/feature\"}";
    HttpResponse<String> otherBranch =
        post(other, "X-GitHub-Event", "push", "X-Hub-Signature-256", sign(SECRET, other));
    assertThat(otherBranch.statusCode()).isEqualTo(202);
    assertThat(otherBranch.body()).contains("ignored");

    String big = "{\"ref\":\"refs/heads/main\",\"pad\":\"" + "x".repeat(5000) + "\"}";
    assertThat(
            post(big, "X-GitHub-Event", "push", "X-Hub-Signature-256", sign(SECRET, big))
                .statusCode())
        .isEqualTo(413);
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(github.uri())).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(pushes).as("only the one good push triggered").hasValue(1);
  }

  @Test
  void gitlab() throws Exception {
    start(Kind.GITLAB);
    assertThat(
            post(PUSH_MAIN, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET).statusCode())
        .isEqualTo(202);
    assertThat(pushes).hasValue(1);
    assertThat(
            post(PUSH_MAIN, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET + "x")
                .statusCode())
        .isEqualTo(401);
    assertThat(post(PUSH_MAIN, "X-Gitlab-Event", "Push Hook").statusCode()).isEqualTo(401);
    assertThat(
            post(PUSH_MAIN, "X-Gitlab-Event", "Tag Push Hook", "X-Gitlab-Token", SECRET)
                .statusCode())
        .isEqualTo(202);
    assertThat(pushes).hasValue(1);
  }

  @Test
  void genericHmac() throws Exception {
    start(Kind.GENERIC);
    assertThat(post(PUSH_MAIN, "X-Signature-256", sign(SECRET, PUSH_MAIN)).statusCode())
        .isEqualTo(202);
    assertThat(post("", "X-Signature-256", sign(SECRET, "")).statusCode()).isEqualTo(202);
    assertThat(post(PUSH_MAIN, "X-Signature-256", sign(SECRET + "!", PUSH_MAIN)).statusCode())
        .isEqualTo(401);
    assertThat(post(PUSH_MAIN).statusCode()).isEqualTo(401);
    assertThat(pushes).hasValue(2);
  }

  @Test
  void aPushThatCannotBeQueuedIsAnsweredWith500() throws Exception {
    receiver =
        WebhookReceiver.builder(Kind.GENERIC, Secret.of(SECRET))
            .branch("main")
            .onPush(
                () -> {
                  throw new IllegalStateException("queue full");
                })
            .start();
    HttpResponse<String> failed = post(PUSH_MAIN, "X-Signature-256", sign(SECRET, PUSH_MAIN));
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).doesNotContain("queue full");
    // the receiver keeps answering
    assertThat(post(PUSH_MAIN).statusCode()).isEqualTo(401);
  }

  @Test
  void aSignedPushReconcilesTheTargetThroughTheDebouncedPoller(@TempDir Path tmp) throws Exception {
    Path bare = tmp.resolve("infra.git");
    try (GitFixture work = GitFixture.create(tmp.resolve("work"))) {
      work.write("a.yaml", GitFixture.manifest("ConfigMap", "prod", "a", ""));
      work.commit("first");
      Git.cloneRepository()
          .setURI(work.dir().toUri().toString())
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
                .build();
        Debouncer reconcile =
            Debouncer.start(Poller.builder(gitops).build()::poll, Duration.ofSeconds(2), time)) {
      receiver =
          WebhookReceiver.builder(Kind.GITHUB, Secret.of(SECRET))
              .onPush(reconcile::request)
              .start();
      String other = "{\"ref\":\"refs/heads/feature\"}";
      post(other, "X-GitHub-Event", "push", "X-Hub-Signature-256", sign(SECRET, other));
      assertThat(reconcile.runs()).isZero();
      post(PUSH_MAIN, "X-GitHub-Event", "push", "X-Hub-Signature-256", sign(SECRET, PUSH_MAIN));
      for (int i = 0; i < 2400 && reconcile.runs() < 1; i++) {
        Thread.sleep(25);
      }
      assertThat(reconcile.runs()).isEqualTo(1);
      assertThat(target.resolve("ConfigMap/prod/a.yaml")).exists();
    }
  }

  @Test
  void debouncerFoldsABurstIntoOneRun() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Scheduler gate =
        new Scheduler() {
          @Override
          public Clock clock() {
            return Clock.systemUTC();
          }

          @Override
          public void sleep(Duration d) throws InterruptedException {
            sleeping.countDown();
            release.await();
          }
        };
    AtomicInteger runs = new AtomicInteger();
    try (Debouncer debouncer =
        Debouncer.start(runs::incrementAndGet, Duration.ofSeconds(2), gate)) {
      debouncer.request();
      assertThat(sleeping.await(60, TimeUnit.SECONDS)).isTrue();
      debouncer.request();
      debouncer.request();
      release.countDown();
      for (int i = 0; i < 2400 && debouncer.runs() < 1; i++) {
        Thread.sleep(25);
      }
      assertThat(debouncer.runs()).isEqualTo(1);
    }
    assertThat(runs).hasValue(1);
  }
}
