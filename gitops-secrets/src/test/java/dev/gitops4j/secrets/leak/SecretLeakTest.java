package dev.gitops4j.secrets.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.report.Reports;
import dev.gitops4j.core.secrets.EnvSecretProvider;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import dev.gitops4j.secrets.age.X25519Identity;
import dev.gitops4j.secrets.sops.Sops;
import dev.gitops4j.secrets.sops.SopsEncryptOptions;
import dev.gitops4j.secrets.sops.SopsKeys;
import dev.gitops4j.secrets.sops.SopsSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A reconcile with canary secret values (a SOPS-encrypted Kubernetes Secret and an environment
 * reference) and DEBUG logging: the values reach the target, and appear in no log line, event,
 * plan, result JSON, problem or exception message. Run by its own surefire execution with DEBUG on
 * the {@code dev.gitops4j} loggers; the log is captured, not printed, so the build stays quiet.
 */
class SecretLeakTest {
  static final String SOPS_CANARY = "CANARY-sops-7f3a9c";
  static final String SOPS_CANARY_2 = "CANARY-sops-second-51e2";
  static final String ENV_CANARY = "CANARY-env-e8b14d";

  @TempDir Path tmp;
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  final List<String> seen = new ArrayList<>();
  PrintStream originalErr;
  X25519Identity key = X25519Identity.generate();

  @BeforeEach
  void captureLogs() {
    originalErr = System.err;
    // Captured, not echoed: the DEBUG lines are evidence for the assertions, not console output.
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    assertThat(LoggerFactory.getLogger(SecretLeakTest.class).isDebugEnabled())
        .as("this test must run with DEBUG logging (its own surefire execution)")
        .isTrue();
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  private byte[] secretManifest(String password) throws Exception {
    String yaml =
        "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\n    namespace: prod\n"
            + "type: Opaque\nstringData:\n    password: "
            + password
            + "\n    user: app\n";
    return Sops.encrypt(
        "secret.yaml",
        yaml.getBytes(StandardCharsets.UTF_8),
        SopsEncryptOptions.builder()
            .ageRecipient(key.recipient())
            .encryptedRegex("^(data|stringData)$")
            .build());
  }

  private void commit(Path repo, String message) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage(message)
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
  }

  private GitOps gitops(Path repo, Path out, List<GitOpsEvent> events) {
    return GitOps.builder()
        .repository(GitRepository.local(repo))
        .target(DirectoryTarget.at(out))
        .stateStore(FileStateStore.at(tmp.resolve("state")))
        .secrets(SopsSecrets.of(SopsKeys.age(List.of(key))))
        .secrets(EnvSecretProvider.of(Map.of("TOKEN", ENV_CANARY)))
        .listener(events::add)
        .build();
  }

  @Test
  void canariesReachTheTargetAndNothingElse() throws Exception {
    Path repo = tmp.resolve("repo");
    Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
    Files.write(repo.resolve("secret.yaml"), secretManifest(SOPS_CANARY));
    Files.writeString(
        repo.resolve("app.yaml"),
        """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
              namespace: prod
            data:
              token: ${secret:env:TOKEN}
              plain: visible
            """);
    commit(repo, "first");
    Path out = tmp.resolve("out");
    List<GitOpsEvent> events = new ArrayList<>();

    try (GitOps g = gitops(repo, out, events)) {
      Plan plan = g.plan().get();
      seen.add(Documents.toJson(Reports.plan(plan)));
      seen.add(plan.toString());
      seen.add(g.validate().get().toString());
      ReconcileResult result = g.reconcile().get();
      assertThat(result.succeeded()).isTrue();
      seen.add(Documents.toJson(Reports.result(result)));
      seen.add(result.toString());
    }
    assertThat(Files.readString(out.resolve("Secret/prod/db.yaml")))
        .contains(SOPS_CANARY)
        .doesNotContain("lastmodified");
    assertThat(Files.readString(out.resolve("ConfigMap/prod/app.yaml"))).contains(ENV_CANARY);

    Files.write(repo.resolve("secret.yaml"), secretManifest(SOPS_CANARY_2));
    commit(repo, "rotate");
    try (GitOps g = gitops(repo, out, events)) {
      Plan plan = g.plan().get();
      assertThat(plan.effectiveChanges()).hasSize(1);
      String json = Documents.toJson(Reports.plan(plan));
      assertThat(json).contains("\"path\" : \"/stringData/password\"", "<redacted>");
      seen.add(json);
      Files.delete(out.resolve("Secret/prod/db.yaml"));
      Files.createDirectories(out.resolve("Secret/prod/db.yaml"));
      ReconcileResult failed = g.apply(plan);
      assertThat(failed.succeeded()).isFalse();
      seen.add(failed.failure().get().message());
      seen.add(Documents.toJson(Reports.result(failed)));
    }

    try (GitOps g =
        GitOps.builder()
            .repository(GitRepository.local(repo))
            .secrets(SopsSecrets.of(SopsKeys.age(List.of(X25519Identity.generate()))))
            .build()) {
      var problems = g.validate();
      assertThat(problems.isInvalid()).isTrue();
      problems.getError().map(Problem::toString).forEach(seen::add);
      assertThat(problems.getError().map(Problem::rule))
          .contains("secret-decrypt", "secret-unresolved");
    }

    events.forEach(e -> seen.add(e.toString()));
    seen.add(logs.toString(StandardCharsets.UTF_8));
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("DEBUG");
    for (String text : seen) {
      assertThat(text).doesNotContain(SOPS_CANARY, SOPS_CANARY_2, ENV_CANARY, "CANARY");
    }
    assertThat(seen).hasSizeGreaterThan(10);
  }
}
