package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.testkit.TargetCall.Operation;
import dev.gitops4j.testkit.TargetCall.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryTargetFaultsTest {
  static final ResourceId WEB = ResourceId.of("Deployment", "app", "web");
  static final ResourceId API = ResourceId.of("Deployment", "app", "api");
  static final ResourceId CONF = ResourceId.of("ConfigMap", "app", "conf");
  static final Node.Obj DOC = Node.obj("kind", Node.str("Deployment"), "spec", Node.obj());

  final VirtualClock clock = VirtualClock.create();
  final InMemoryTarget target = InMemoryTarget.create(clock);

  @Test
  void theNthWriteOfAResourceFailsTransientlyThenWritesSucceed() {
    target.failWrites(WEB).onAttempt(2).times(2).transiently();
    target.put(WEB, DOC);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> target.put(WEB, DOC))
          .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.isTransient()).isTrue())
          .hasMessageContaining("Deployment/app/web");
    }
    target.put(WEB, DOC);
    target.put(API, DOC);
    assertThat(target.calls().map(TargetCall::outcome))
        .containsExactly(
            Outcome.OK,
            Outcome.TRANSIENT_FAILURE,
            Outcome.TRANSIENT_FAILURE,
            Outcome.OK,
            Outcome.OK);
    assertThat(target.writes()).isEqualTo(3);
  }

  @Test
  void aKindFailsPermanentlyUntilHealed() {
    target.failWritesOfKind("Deployment").always().permanently();
    target.put(CONF, DOC);
    assertThatThrownBy(() -> target.delete(API))
        .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThatThrownBy(() -> target.put(WEB, DOC)).isInstanceOf(TargetException.class);
    target.healAll();
    target.put(WEB, DOC);
    assertThat(target.snapshot().resources().keySet()).containsExactlyInAnyOrder(CONF, WEB);
  }

  @Test
  void failOnAndHealKeepTheirMeaning() {
    target.failOn(WEB);
    assertThatThrownBy(() -> target.put(WEB, DOC)).isInstanceOf(TargetException.class);
    assertThatThrownBy(() -> target.put(WEB, DOC)).isInstanceOf(TargetException.class);
    target.heal(WEB);
    target.put(WEB, DOC);
    assertThat(target.get(WEB).isDefined()).isTrue();
  }

  @Test
  void observeCanFailToo() {
    target.failCalls(Operation.OBSERVE).transiently();
    assertThatThrownBy(target::observe).isInstanceOf(TargetException.class);
    assertThat(target.observe().resources()).isEmpty();
  }

  @Test
  void latencyIsPaidInVirtualTime() {
    target.latency(Duration.ofMillis(200)).latency(API, Duration.ofSeconds(3));
    target.put(WEB, DOC);
    target.put(API, DOC);
    target.observe();
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START.plusMillis(3400));
    assertThat(target.calls().map(TargetCall::at))
        .containsExactly(
            VirtualClock.DEFAULT_START.plusMillis(200),
            VirtualClock.DEFAULT_START.plusMillis(3200),
            VirtualClock.DEFAULT_START.plusMillis(3400));
  }

  @Test
  void healthScriptsProgressFlapAndNeverTurnHealthy() {
    target.health(WEB, HealthScript.progressingFor(2));
    target.health(API, HealthScript.neverHealthy());
    target.healthOfKind("ConfigMap", HealthScript.flapping());
    target.put(WEB, DOC);
    target.put(API, DOC);
    target.put(CONF, DOC);
    assertThat(statuses(WEB, 4))
        .containsExactly(
            Health.Status.PROGRESSING,
            Health.Status.PROGRESSING,
            Health.Status.HEALTHY,
            Health.Status.HEALTHY);
    target.put(WEB, DOC);
    assertThat(target.health(WEB).status()).isEqualTo(Health.Status.PROGRESSING);
    assertThat(statuses(API, 50)).containsOnly(Health.Status.PROGRESSING);
    assertThat(statuses(CONF, 4))
        .containsExactly(
            Health.Status.HEALTHY,
            Health.Status.DEGRADED,
            Health.Status.HEALTHY,
            Health.Status.DEGRADED);
    assertThat(target.health(ResourceId.of("Deployment", "app", "gone")).status())
        .isEqualTo(Health.Status.UNKNOWN);
  }

  @Test
  void healthCanDependOnVirtualTimeAndOnTheDocument() {
    target.health(
        WEB,
        HealthScript.when(
            d -> d.at("/spec/image").contains(Node.str("web:2")),
            HealthScript.degraded("crash loop"),
            HealthScript.progressingFor(Duration.ofMinutes(2))));
    target.put(WEB, DOC.with("spec", Node.obj("image", Node.str("web:1"))));
    assertThat(target.health(WEB).status()).isEqualTo(Health.Status.PROGRESSING);
    clock.advance(Duration.ofMinutes(2));
    assertThat(target.health(WEB).isHealthy()).isTrue();
    target.put(WEB, DOC.with("spec", Node.obj("image", Node.str("web:2"))));
    clock.advance(Duration.ofHours(1));
    assertThat(target.health(WEB)).isEqualTo(Health.degraded("crash loop"));
  }

  @Test
  void driftHappensJustBeforeTheChosenCall() {
    Node.Obj edited = DOC.with("spec", Node.obj("replicas", Node.num(9)));
    target.driftAt(3, WEB, edited);
    target.put(WEB, DOC);
    assertThat(target.get(WEB).get()).isEqualTo(DOC);
    assertThat(target.get(WEB).get()).isEqualTo(edited);
  }

  @Test
  void theKubernetesWebhookAddsFieldsAndAStatus() {
    target.webhook(Webhook.kubernetesDefaults(clock));
    target.put(WEB, DOC.with("metadata", Node.obj("name", Node.str("web"))));
    Node.Obj first = target.get(WEB).get();
    assertThat(first.at("/metadata/name").get()).isEqualTo(Node.str("web"));
    assertThat(first.at("/metadata/resourceVersion").get()).isEqualTo(Node.str("1"));
    assertThat(first.at("/metadata/generation").get()).isEqualTo(Node.num(1));
    assertThat(first.at("/status/observedGeneration").get()).isEqualTo(Node.num(1));
    clock.advance(Duration.ofMinutes(1));
    target.put(WEB, DOC.with("metadata", Node.obj("name", Node.str("web"))));
    Node.Obj second = target.get(WEB).get();
    assertThat(second.at("/metadata/resourceVersion").get()).isEqualTo(Node.str("2"));
    assertThat(second.at("/metadata/generation").get()).isEqualTo(Node.num(1));
    assertThat(second.at("/metadata/uid")).isEqualTo(first.at("/metadata/uid"));
    assertThat(second.at("/metadata/creationTimestamp").get())
        .isEqualTo(Node.str(VirtualClock.DEFAULT_START.toString()));
    target.put(WEB, DOC.with("spec", Node.obj("replicas", Node.num(2))));
    assertThat(target.get(WEB).get().at("/metadata/generation").get()).isEqualTo(Node.num(2));
  }

  @Test
  void crashPointsThrowAnErrorAndAreRecorded() {
    target.crashAt(2);
    target.failWrites(API).onAttempt(1).crashing();
    target.put(WEB, DOC);
    assertThatThrownBy(() -> target.get(WEB))
        .isInstanceOf(SimulatedCrash.class)
        .isInstanceOf(Error.class);
    assertThatThrownBy(() -> target.put(API, DOC)).isInstanceOf(SimulatedCrash.class);
    target.put(API, DOC);
    assertThat(target.calls().map(TargetCall::toString))
        .containsExactly(
            "#1 PUT Deployment/app/web",
            "#2 GET Deployment/app/web CRASHED: crash point",
            "#3 PUT Deployment/app/api CRASHED: crash point",
            "#4 PUT Deployment/app/api");
    assertThat(target.calls(Operation.PUT)).hasSize(3);
  }

  @Test
  void callsAreRecordedWithTheirVirtualTime() {
    target.put(WEB, DOC);
    clock.advance(Duration.ofSeconds(5));
    target.delete(WEB);
    assertThat(target.calls())
        .extracting(TargetCall::operation, TargetCall::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Operation.PUT, VirtualClock.DEFAULT_START),
            org.assertj.core.groups.Tuple.tuple(
                Operation.DELETE, Instant.parse("2026-01-01T00:00:05Z")));
  }

  private java.util.List<Health.Status> statuses(ResourceId id, int n) {
    java.util.List<Health.Status> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(target.health(id).status());
    }
    return out;
  }
}
