package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.apply.DefaultReconciler;
import io.vavr.collection.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library takes its time and its waiting from what is injected, never from the wall clock. */
class InjectedTimeTest {

  @Test
  void aVirtualClockGivenAsTheClockIsAlsoTheScheduler() {
    VirtualClock clock = VirtualClock.create();
    DefaultReconciler reconciler =
        DefaultReconciler.builder().target(InMemoryTarget.create(clock)).clock(clock).build();
    assertThat(reconciler.scheduler()).isSameAs(clock);
    DefaultReconciler bySchedulerOnly =
        DefaultReconciler.builder().target(InMemoryTarget.create()).scheduler(clock).build();
    assertThat(bySchedulerOnly.scheduler()).isSameAs(clock);
  }

  @Test
  void eventTimesAndDurationsComeFromTheVirtualClock() {
    VirtualClock clock = VirtualClock.create();
    InMemoryTarget target = InMemoryTarget.create(clock).latency(Duration.ofSeconds(2));
    java.util.List<GitOpsEvent> events = new ArrayList<>();
    DefaultReconciler reconciler =
        DefaultReconciler.builder().target(target).scheduler(clock).listener(events::add).build();
    ResourceId id = ResourceId.of("ConfigMap", "a", "b");
    Revision rev = new Revision("a".repeat(40), "main", Instant.EPOCH, "one");
    var result =
        reconciler.reconcile(
            DesiredState.of(
                rev, List.of(Resource.of(id, Node.obj("kind", Node.str("ConfigMap"))))));
    assertThat(result.startedAt()).isEqualTo(VirtualClock.DEFAULT_START.plusSeconds(2));
    // every target call costs 2 s of virtual time: the conditional write (the default reads then
    // writes), the ownership check of the written resource and one health poll
    assertThat(result.duration()).isEqualTo(Duration.ofSeconds(8));
    assertThat(events.get(events.size() - 1).at()).isEqualTo(clock.instant());
  }

  /**
   * The one wait that stays on the wall clock: the state store's file lock, held by another process
   * that runs in real time.
   */
  private static final Path WALL_CLOCK_WAIT = Path.of("dev/gitops4j/core/history/FileLocks.java");

  /**
   * Only {@link Scheduler#system()} may block on the wall clock, and every other wait goes through
   * a scheduler the caller injects (so not through {@code Scheduler.system()} either), in every
   * module a user runs.
   */
  @Test
  void noLibraryCodeSleepsOnTheWallClock() throws IOException {
    Pattern sleep =
        Pattern.compile(
            "Thread\\s*\\.\\s*sleep|TimeUnit\\.[A-Z]+\\.sleep|LockSupport\\.parkNanos|\\.wait\\(\\s*\\d");
    Pattern systemWait =
        Pattern.compile("Scheduler\\s*\\.\\s*system\\(\\)\\s*\\.\\s*(sleep|await)");
    Path root = Path.of("..").toAbsolutePath().normalize();
    java.util.List<String> offenders = new ArrayList<>();
    java.util.List<Path> scanned = new ArrayList<>();
    for (String module :
        new String[] {
          "gitops-api",
          "gitops-core",
          "gitops-secrets",
          "gitops-cli",
          "gitops-postgres",
          "gitops-testkit"
        }) {
      Path src = root.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          scanned.add(f);
          if (f.endsWith(Path.of("dev/gitops4j/api/time/SystemScheduler.java"))) {
            continue;
          }
          String code = Files.readString(f);
          if (sleep.matcher(code).find()) {
            offenders.add(root.relativize(f).toString());
          }
          if (systemWait.matcher(code).find() && !f.endsWith(WALL_CLOCK_WAIT)) {
            offenders.add(
                root.relativize(f) + " (waits on Scheduler.system(), not the injected one)");
          }
        }
      }
    }
    assertThat(scanned).hasSizeGreaterThan(50);
    assertThat(offenders).as("waits must go through the injected Scheduler").isEmpty();
  }
}
