package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gitops4j.api.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  @Test
  void startsAtAFixedInstantAndOnlyMovesWhenTold() {
    VirtualClock clock = VirtualClock.create();
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    Instant first = clock.instant();
    assertThat(clock.instant()).isEqualTo(first);
    clock.advance(Duration.ofMinutes(90));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T01:30:00Z"));
    assertThatThrownBy(() -> clock.advanceTo(Instant.parse("2026-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never goes back");
  }

  @Test
  void aZoneViewSharesTheSameTime() {
    VirtualClock clock = VirtualClock.create();
    VirtualClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    paris.advance(Duration.ofSeconds(5));
    assertThat(clock.instant()).isEqualTo(paris.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void scheduledTasksRunInTimeOrderAtTheirDueTime() {
    VirtualClock clock = VirtualClock.create();
    List<String> seen = new ArrayList<>();
    clock.schedule(Duration.ofMinutes(5), () -> seen.add("b@" + clock.instant()));
    clock.schedule(Duration.ofMinutes(1), () -> seen.add("a@" + clock.instant()));
    clock.schedule(Duration.ofMinutes(5), () -> seen.add("c@" + clock.instant()));
    clock.schedule(Duration.ofHours(2), () -> seen.add("late"));
    clock.advance(Duration.ofMinutes(10));
    assertThat(seen)
        .containsExactly(
            "a@2026-01-01T00:01:00Z", "b@2026-01-01T00:05:00Z", "c@2026-01-01T00:05:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
    assertThat(clock.pendingTasks()).isEqualTo(1);
  }

  @Test
  void sleepMovesTheClockAndIsRecorded() throws InterruptedException {
    VirtualClock clock = VirtualClock.create();
    AtomicInteger ran = new AtomicInteger();
    clock.schedule(Duration.ofSeconds(30), ran::incrementAndGet);
    clock.sleep(Duration.ofSeconds(20));
    assertThat(ran).hasValue(0);
    clock.sleep(Duration.ofSeconds(20));
    assertThat(ran).hasValue(1);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20));
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(40));
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START.plusSeconds(40));
  }

  @Test
  void anInterruptedSleeperIsInterrupted() {
    VirtualClock clock = VirtualClock.create();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> clock.sleep(Duration.ofSeconds(1)))
        .isInstanceOf(InterruptedException.class);
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START);
  }

  @Test
  void awaitPollsUntilTheConditionHoldsOrTheDeadline() throws InterruptedException {
    VirtualClock clock = VirtualClock.create();
    Instant ready = clock.instant().plus(Duration.ofMinutes(3));
    assertThat(
            clock.await(
                () -> !clock.instant().isBefore(ready),
                Duration.ofMinutes(10),
                Duration.ofSeconds(7)))
        .isTrue();
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START.plusSeconds(182));

    VirtualClock other = VirtualClock.create();
    assertThat(other.await(() -> false, Duration.ofSeconds(10), Duration.ofSeconds(3))).isFalse();
    assertThat(other.sleeps())
        .containsExactly(
            Duration.ofSeconds(3),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1));
  }

  /**
   * An hour of polling is virtual: the wait ends (the generous preemptive bound only stops a real
   * sleep from hanging the build) with the clock an hour later.
   */
  @Test
  void anHourOfWaitingWithTheVirtualClockTakesNoRealTime() {
    VirtualClock clock = VirtualClock.create();
    Scheduler scheduler = clock;
    boolean done =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> scheduler.await(() -> false, Duration.ofHours(1), Duration.ofMillis(100)));
    assertThat(done).isFalse();
    assertThat(clock.slept()).isEqualTo(Duration.ofHours(1));
    assertThat(clock.sleeps()).hasSize(36_000);
    assertThat(clock.instant()).isEqualTo(VirtualClock.DEFAULT_START.plus(Duration.ofHours(1)));
  }
}
