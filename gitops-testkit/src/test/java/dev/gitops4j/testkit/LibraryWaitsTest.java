package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.health.HealthChecks;
import dev.gitops4j.core.health.HealthGate;
import io.vavr.collection.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The library's own waits run on the injected scheduler: with a {@link VirtualClock}, an hour-long
 * health wait ends at once, with the clock an hour later (the preemptive bound only keeps a real
 * sleep from hanging the build).
 */
class LibraryWaitsTest {
  static final ResourceId WEB = ResourceId.of("Deployment", "app", "web");

  @Test
  void anHourOfHealthPollingTakesNoRealTime() {
    VirtualClock clock = VirtualClock.create();
    InMemoryTarget target = InMemoryTarget.create(clock).health(WEB, HealthScript.neverHealthy());
    target.put(WEB, Node.obj("kind", Node.str("Deployment")));
    HealthGate gate = new HealthGate(target, HealthChecks.byTarget(), clock);

    HealthGate.Outcome outcome =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                gate.await(
                    List.of(WEB),
                    Duration.ofHours(1),
                    Duration.ofSeconds(5),
                    () -> false,
                    (i, h) -> {}));

    assertThat(outcome).isInstanceOf(HealthGate.TimedOut.class);
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START.plus(Duration.ofHours(1)));
    assertThat(clock.slept()).isEqualTo(Duration.ofHours(1));
    assertThat(target.calls(TargetCall.Operation.HEALTH).size()).isGreaterThan(700);
  }

  @Test
  void aResourceThatTurnsHealthyEndsTheWaitAtThatVirtualTime() throws InterruptedException {
    VirtualClock clock = VirtualClock.create();
    InMemoryTarget target =
        InMemoryTarget.create(clock)
            .health(WEB, HealthScript.progressingFor(Duration.ofMinutes(7)));
    target.put(WEB, Node.obj("kind", Node.str("Deployment")));
    HealthGate gate = new HealthGate(target, HealthChecks.byTarget(), clock);

    HealthGate.Outcome outcome =
        gate.await(
            List.of(WEB), Duration.ofHours(1), Duration.ofSeconds(30), () -> false, (i, h) -> {});

    assertThat(outcome).isInstanceOf(HealthGate.AllHealthy.class);
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START.plus(Duration.ofMinutes(7)));
  }
}
