package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.trigger.PollResult;
import dev.gitops4j.core.trigger.Poller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An hour of polling under the {@link VirtualClock}: no wall-clock waiting, reproducible. */
class PollerVirtualTimeTest {
  @TempDir Path tmp;

  private static void commit(Git git, Path dir, String name) throws Exception {
    Files.writeString(
        dir.resolve(name + ".yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
    git.add().addFilepattern(".").call();
    git.commit()
        .setMessage(name)
        .setSign(false)
        .setAuthor("t", "t@e")
        .setCommitter("t", "t@e")
        .call();
  }

  @Test
  void anHourOfPollingReconcilesOnlyWhenTheRefMovesAndBacksOffWhileTheRepositoryIsGone()
      throws Exception {
    Path dir = tmp.resolve("repo");
    VirtualClock clock = VirtualClock.create();
    InMemoryTarget target = InMemoryTarget.create(clock);
    List<PollResult> results = new ArrayList<>();
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        GitOps gitops =
            GitOps.builder()
                .repository(GitRepository.local(dir).ref("main"))
                .target(target)
                .clock(clock)
                .build()) {
      commit(git, dir, "a");
      Poller poller =
          Poller.builder(gitops)
              .interval(Duration.ofMinutes(1))
              .jitter(0.1)
              .seed(1)
              .maxBackoff(Duration.ofMinutes(8))
              .listener(
                  r -> {
                    results.add(r);
                    try {
                      if (results.size() == 10) {
                        commit(git, dir, "b");
                      } else if (results.size() == 20) {
                        Files.move(dir, tmp.resolve("gone"));
                      } else if (results.size() == 24) {
                        Files.move(tmp.resolve("gone"), dir);
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .build();
      Instant end = clock.instant().plus(Duration.ofHours(1));
      poller.run(() -> clock.instant().isBefore(end));
    }
    long reconciles = results.stream().filter(PollResult.Reconciled.class::isInstance).count();
    assertThat(reconciles).as("first poll and the commit of b").isEqualTo(2);
    assertThat(results.get(10)).isInstanceOf(PollResult.Reconciled.class);
    assertThat(results.subList(20, 24))
        .allSatisfy(r -> assertThat(r).isInstanceOf(PollResult.Stalled.class));
    assertThat(results.get(24)).isInstanceOf(PollResult.Unchanged.class);
    assertThat(target.get(ResourceId.of("ConfigMap", "b"))).isNotEmpty();
    List<Duration> sleeps = clock.sleeps().toJavaList();
    assertThat(sleeps.subList(20, 24))
        .as("backoff doubles while the repository is gone: 2, 4, 8, 8 minutes plus jitter")
        .satisfies(
            s -> {
              assertThat(s.get(0)).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(132));
              assertThat(s.get(1)).isBetween(Duration.ofMinutes(4), Duration.ofSeconds(264));
              assertThat(s.get(2)).isBetween(Duration.ofMinutes(8), Duration.ofSeconds(528));
              assertThat(s.get(3)).isBetween(Duration.ofMinutes(8), Duration.ofSeconds(528));
            });
    assertThat(clock.slept()).isGreaterThanOrEqualTo(Duration.ofHours(1).minusMinutes(9));
  }
}
