package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.Drifted;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.history.InMemoryHistoryStore;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Drift with field paths and opt-in self-heal; bounded parallelism from the recorded calls. */
class DriftAndParallelismTest {
  static final Revision REV = new Revision("a".repeat(40), "main", Instant.EPOCH, "a");
  static final ResourceId WEB = ResourceId.of("Deployment", "shop", "web");
  static final ResourceId DB = ResourceId.of("Secret", "shop", "db");
  static final ResourceId CREDS = ResourceId.of("ConfigMap", "shop", "creds");

  final VirtualClock clock = VirtualClock.create();
  final InMemoryTarget target = InMemoryTarget.create(clock);
  final InMemoryHistoryStore history = InMemoryHistoryStore.create();
  final java.util.List<GitOpsEvent> events = new ArrayList<>();

  DefaultReconciler reconciler(boolean selfHeal) {
    return DefaultReconciler.builder()
        .target(target)
        .scheduler(clock)
        .history(history)
        .selfHeal(selfHeal)
        .listener(events::add)
        .build();
  }

  static Node.Obj web(String image) {
    return Node.obj(
        "kind", Node.str("Deployment"),
        "metadata", Node.obj("name", Node.str("web")),
        "spec", Node.obj("image", Node.str(image), "replicas", Node.num(2)));
  }

  static DesiredState desired() {
    Node.Obj creds =
        Node.obj(
            "kind", Node.str("ConfigMap"),
            "metadata", Node.obj("name", Node.str("creds")),
            "data",
                Node.obj(
                    "user",
                    Node.str("app"),
                    "password",
                    new Node.SecretText(Secret.of("s3cret-canary"))));
    return DesiredState.of(REV, List.of(Resource.of(WEB, web("web:1")), Resource.of(CREDS, creds)));
  }

  @Test
  void driftIsReportedWithFieldPathsAndRevertedOnlyWithSelfHeal() {
    assertThat(reconciler(false).reconcile(desired()).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
    ActualState good = target.snapshot();
    Node.Obj edited = target.get(WEB).get();
    edited =
        edited.with(
            "spec",
            ((Node.Obj) edited.fields().get("spec").get())
                .with("image", Node.str("web:hacked"))
                .with("debug", Node.bool(true)));
    target.putOutOfBand(WEB, edited);
    Node.Obj creds = target.get(CREDS).get();
    target.putOutOfBand(
        CREDS,
        creds.with(
            "data", Node.obj("user", Node.str("app"), "password", Node.str("hunter2-canary"))));

    Seq<Drifted> drift = reconciler(false).drift(desired()).drifted();
    Drifted web = drift.find(d -> d.id().equals(WEB)).get();
    // /spec/debug was never declared in Git: three-way planning leaves it to whoever set it.
    assertThat(web.paths()).containsExactly("/spec/image");
    assertThat(web.fields().find(f -> f.path().equals("/spec/image")).get())
        .isEqualTo(new Drifted.Field("/spec/image", "\"web:1\"", "\"web:hacked\""));
    Drifted secret = drift.find(d -> d.id().equals(CREDS)).get();
    assertThat(secret.fields().map(Drifted.Field::path)).containsExactly("/data/password");
    assertThat(secret.toString())
        .doesNotContain("hunter2")
        .doesNotContain("s3cret")
        .contains(Secret.REDACTED);

    ReconcileResult reported = reconciler(false).reconcile(desired());
    assertThat(reported.status()).isEqualTo(ReconcileResult.Status.DRIFTED);
    assertThat(target.get(WEB).get()).isEqualTo(edited);
    assertThat(events)
        .anyMatch(
            e ->
                e instanceof GitOpsEvent.DriftDetected d
                    && d.id().equals(WEB)
                    && !d.healed()
                    && d.paths().contains("/spec/image"));
    assertThat(events.toString()).doesNotContain("hunter2").doesNotContain("s3cret");

    ReconcileResult healed = reconciler(true).reconcile(desired());
    assertThat(healed.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(target.get(WEB).get().at("/spec/image")).contains(Node.str("web:1"));
    assertThat(target.get(WEB).get().at("/spec/debug")).contains(Node.bool(true));
    assertThat(target.get(CREDS)).isEqualTo(good.get(CREDS));
    assertThat(events).anyMatch(e -> e instanceof GitOpsEvent.DriftDetected d && d.healed());
  }

  @Test
  void neverMoreCallsInFlightThanConfigured() {
    int parallel = 4;
    AtomicInteger inFlight = new AtomicInteger();
    java.util.List<Integer> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
    InMemoryTarget inner = InMemoryTarget.create();
    Target counting =
        new Target() {
          @Override
          public ActualState observe() {
            return inner.observe();
          }

          @Override
          public Option<Node.Obj> get(ResourceId id) {
            return inner.get(id);
          }

          @Override
          public void put(ResourceId id, Node.Obj document) {
            recorded.add(inFlight.incrementAndGet());
            try {
              Thread.onSpinWait();
              inner.put(id, document);
            } finally {
              inFlight.decrementAndGet();
            }
          }

          @Override
          public void delete(ResourceId id) {
            inner.delete(id);
          }

          @Override
          public String describe() {
            return "counting";
          }
        };
    java.util.List<Resource> many = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ResourceId id = ResourceId.of("ConfigMap", "load", "cm-" + i);
      many.add(
          Resource.of(
              id,
              Node.obj(
                  "kind",
                  Node.str("ConfigMap"),
                  "metadata",
                  Node.obj("name", Node.str(id.name())))));
    }
    ReconcileResult r =
        DefaultReconciler.builder()
            .target(counting)
            .rollout(Rollout.allAtOnce().maxParallel(parallel).withoutHealthGate())
            .build()
            .reconcile(DesiredState.of(REV, many));
    assertThat(r.status()).isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(inner.calls(TargetCall.Operation.PUT)).hasSize(400);
    assertThat(recorded).hasSize(400).allMatch(n -> n <= parallel);
  }
}
