package dev.gitops4j.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Retry;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.history.FileHistoryStore;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.List;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A target's exception that quotes the plaintext document (as an admission webhook or a validating
 * API does) never puts a secret value in the result, an event, a log line, the journal or the
 * history; the exception's type and cause are kept.
 */
class AdapterMessageLeakTest {
  static final String CANARY = "CANARY-adapter-31c7e0";
  static final String OLD_CANARY = "CANARY-old-value-88d0b2";
  static final String CANARY64 =
      Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));

  @TempDir Path tmp;
  final MapTarget target = new MapTarget();
  final ResourceId id = ResourceId.of("Secret", "prod", "db");
  final java.util.List<GitOpsEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  PrintStream originalErr = System.err;

  @BeforeEach
  void captureLogs() {
    originalErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    assertThat(LoggerFactory.getLogger(DefaultReconciler.class).isTraceEnabled())
        .as("this test must run with TRACE logging (its own surefire execution)")
        .isTrue();
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  static DesiredState state(String commit, Node password) {
    Revision rev = new Revision(commit.repeat(40).substring(0, 40), "main", Instant.EPOCH, commit);
    Node.Obj body =
        Node.obj(
            "apiVersion", Node.str("v1"),
            "kind", Node.str("Secret"),
            "metadata", Node.obj("name", Node.str("db"), "namespace", Node.str("prod")),
            "stringData", Node.obj("password", password));
    return DesiredState.of(rev, List.of(Resource.of(ResourceId.of("Secret", "prod", "db"), body)));
  }

  DefaultReconciler reconciler(FileStateStore store, Rollout rollout) {
    return DefaultReconciler.builder()
        .target(target)
        .stateStore(store)
        .history(FileHistoryStore.at(store.dir()))
        .rollout(rollout)
        .rollback(Rollback.toLastKnownGood())
        .listener(events::add)
        .build();
  }

  /** Everything kept or printed about the runs: results, events, logs, every state file. */
  String everything(java.util.List<ReconcileResult> results, Path state) throws Exception {
    StringBuilder all = new StringBuilder();
    results.forEach(r -> all.append(r).append('\n').append(r.failure()).append('\n'));
    events.forEach(e -> all.append(e).append('\n'));
    all.append(logs.toString(StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  @Test
  void aTargetExceptionQuotingTheDocumentIsScrubbedAndKeepsItsTypeAndCause() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("state"));
    DefaultReconciler r = reconciler(store, Rollout.DEFAULT);
    java.util.List<ReconcileResult> results = new ArrayList<>();
    results.add(r.reconcile(state("a", new Node.SecretText(Secret.of(OLD_CANARY)))));
    assertThat(results.get(0).succeeded()).isTrue();
    target.failPut.put(
        id,
        (i, doc) ->
            new IllegalStateException(
                "admission webhook rejected "
                    + Documents.toJson(doc)
                    + " (was "
                    + target.docs.get(id).get()
                    + ", base64 "
                    + CANARY64
                    + ")",
                new NullPointerException()));

    ReconcileResult failed = r.reconcile(state("b", new Node.SecretText(Secret.of(CANARY))));
    results.add(failed);

    assertThat(failed.status()).isEqualTo(ReconcileResult.Status.ROLLED_BACK);
    String message = failed.failure().get().message();
    assertThat(message)
        .startsWith("IllegalStateException: admission webhook rejected")
        .contains("caused by NullPointerException")
        .contains(Secret.REDACTED);
    assertThat(events)
        .filteredOn(GitOpsEvent.ChangeFailed.class::isInstance)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.toString()).contains("IllegalStateException"));
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("WARN").contains("admission webhook rejected");
    assertThat(Files.readString(store.dir().resolve("journal.jsonl")))
        .contains("admission webhook rejected");
    String all = everything(results, store.dir());
    assertThat(all).doesNotContain(CANARY).doesNotContain(CANARY64).doesNotContain(OLD_CANARY);
  }

  @Test
  void retriedTransientFailuresAreScrubbedToo() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("state"));
    DefaultReconciler r =
        reconciler(store, Rollout.allAtOnce().retry(Retry.exponential(3, Duration.ofMillis(1))));
    target.failPut.put(
        id,
        (i, doc) -> new TargetException("throttled while writing " + Documents.toJson(doc), true));

    ReconcileResult failed = r.reconcile(state("b", new Node.SecretText(Secret.of(CANARY))));

    assertThat(failed.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(events).filteredOn(GitOpsEvent.ChangeRetried.class::isInstance).hasSize(2);
    assertThat(failed.failure().get().message()).startsWith("throttled while writing");
    assertThat(everything(List.of(failed).asJava(), store.dir())).doesNotContain(CANARY);
  }

  @Test
  void anObserveFailureQuotingASecretIsScrubbed() throws Exception {
    FileStateStore store = FileStateStore.at(tmp.resolve("state"));
    DefaultReconciler r = reconciler(store, Rollout.DEFAULT);
    target.failObserve = new IllegalStateException("cannot list: the server said " + CANARY);

    ReconcileResult failed = r.reconcile(state("b", new Node.SecretText(Secret.of(CANARY))));

    assertThat(failed.status()).isEqualTo(ReconcileResult.Status.FAILED);
    assertThat(failed.failure().get().message())
        .contains("IllegalStateException: cannot list: the server said " + Secret.REDACTED);
    assertThat(everything(List.of(failed).asJava(), store.dir())).doesNotContain(CANARY);
  }
}
