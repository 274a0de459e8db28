package dev.gitops4j.core.rollout;

import dev.gitops4j.api.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scheduler whose sleeps move its clock at once and are recorded (core tests only). */
public final class ManualScheduler extends Clock implements Scheduler {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  public final CopyOnWriteArrayList<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public Clock clock() {
    return this;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
