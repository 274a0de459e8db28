package dev.gitops4j.core.trigger;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller in virtual time against a real remote repository (file://) and a real directory. */
class PollerTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path tmp;
  GitFixture work;
  Path bare;
  Path target;
  ManualScheduler time = new ManualScheduler();
  List<GitOps> opened = new ArrayList<>();

  @BeforeEach
  void remote() throws Exception {
    work = GitFixture.create(tmp.resolve("work"));
    work.write("a.yaml", manifest("ConfigMap", "prod", "a", "data:\n  v: \"1\"\n"));
    work.commit("first");
    bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    push(false);
    target = tmp.resolve("target");
  }

  @AfterEach
  void close() {
    opened.forEach(GitOps::close);
    work.close();
  }

  private void push(boolean force) throws Exception {
    work.git()
        .push()
        .setRemote(bare.toUri().toString())
        .setRefSpecs(new RefSpec((force ? "+" : "") + "refs/heads/main:refs/heads/main"))
        .call();
  }

  private Poller.Builder poller() {
    GitOps gitops =
        GitOps.builder()
            .repository(
                GitRepository.remote(bare.toUri().toString(), tmp.resolve("cache")).ref("main"))
            .target(DirectoryTarget.at(target))
            .scheduler(time)
            .build();
    opened.add(gitops);
    return Poller.builder(gitops).interval(MINUTE).jitter(0).seed(7);
  }

  private Path file(String name) {
    return target.resolve("ConfigMap/prod/" + name + ".yaml");
  }

  @Test
  void reconcilesOnlyWhenTheRefMoved() throws Exception {
    Poller poller = poller().build();
    PollResult first = poller.poll();
    assertThat(first).isInstanceOf(PollResult.Reconciled.class);
    assertThat(((PollResult.Reconciled) first).result().status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
    assertThat(file("a")).exists();
    assertThat(poller.poll()).isInstanceOf(PollResult.Unchanged.class);

    work.write("b.yaml", manifest("ConfigMap", "prod", "b", ""));
    String second = work.commit("second");
    push(false);
    PollResult moved = poller.poll();
    assertThat(moved).isInstanceOf(PollResult.Reconciled.class);
    assertThat(((PollResult.Reconciled) moved).result().revision().commit()).isEqualTo(second);
    assertThat(file("b")).exists();
    assertThat(poller.lastGood().get().commit()).isEqualTo(second);
  }

  @Test
  void unreachableRemoteKeepsTheLastGoodStateAndBacksOff() throws Exception {
    Poller poller = poller().maxBackoff(Duration.ofMinutes(5)).build();
    poller.poll();
    String applied = Files.readString(file("a"));
    Path away = tmp.resolve("away.git");
    Files.move(bare, away);

    List<Duration> waits = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      PollResult r = poller.poll();
      assertThat(r).isInstanceOf(PollResult.Stalled.class);
      PollResult.Stalled stalled = (PollResult.Stalled) r;
      assertThat(stalled.failures()).isEqualTo(i);
      assertThat(stalled.cause().rule()).isEqualTo("repository-unreachable");
      assertThat(stalled.lastGood()).isNotEmpty();
      waits.add(r.nextPollIn());
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));
    assertThat(Files.readString(file("a"))).isEqualTo(applied);

    Files.move(away, bare);
    PollResult back = poller.poll();
    assertThat(back).isInstanceOf(PollResult.Unchanged.class);
    assertThat(back.nextPollIn()).isEqualTo(MINUTE);
  }

  @Test
  void forcePushIsRefusedUnlessAllowed() throws Exception {
    Poller strict = poller().build();
    Poller lenient = poller().allowForcePush(true).build();
    strict.poll();
    lenient.poll();
    work.git().commit().setAmend(true).setMessage("rewritten").setSign(false).call();
    work.write("a.yaml", manifest("ConfigMap", "prod", "a", "data:\n  v: \"rewritten\"\n"));
    String rewritten = work.commit("rewritten again");
    assertThat(rewritten).isNotBlank();
    push(true); // main no longer contains the first commit: amend made a sibling of it

    PollResult refused = strict.poll();
    assertThat(refused).isInstanceOf(PollResult.Refused.class);
    assertThat(((PollResult.Refused) refused).reason()).contains("force push");
    assertThat(Files.readString(file("a"))).doesNotContain("rewritten");
    assertThat(strict.poll()).isInstanceOf(PollResult.Refused.class);

    PollResult followed = lenient.poll();
    assertThat(followed).isInstanceOf(PollResult.Reconciled.class);
    assertThat(Files.readString(file("a"))).contains("rewritten");
  }

  @Test
  void aForcePushWhileNothingPolledIsCaughtAgainstTheBaseline() throws Exception {
    Poller first = poller().build();
    first.poll();
    dev.gitops4j.api.source.Revision applied = first.lastGood().get();
    work.git().commit().setAmend(true).setMessage("rewritten").setSign(false).call();
    push(true);
    Poller restarted = poller().baseline(applied).build();
    PollResult r = restarted.poll();
    assertThat(r).isInstanceOf(PollResult.Refused.class);
    assertThat(((PollResult.Refused) r).previous()).isEqualTo(applied);
    Poller sameCommit =
        poller()
            .baseline(restarted.lastResult().map(x -> ((PollResult.Refused) x).revision()).get())
            .build();
    assertThat(sameCommit.poll())
        .as("the baseline itself is reconciled at start")
        .isInstanceOf(PollResult.Reconciled.class);
  }

  @Test
  void waitsTheIntervalWithSeededJitterInVirtualTime() throws InterruptedException {
    int[] polls = {0};
    Poller poller = poller().jitter(0.5).seed(42).listener(r -> polls[0]++).build();
    poller.run(() -> polls[0] < 5);
    assertThat(polls[0]).isEqualTo(5);
    List<Duration> sleeps = time.sleeps();
    assertThat(sleeps).hasSize(4);
    assertThat(sleeps)
        .allSatisfy(d -> assertThat(d).isBetween(MINUTE, MINUTE.multipliedBy(3).dividedBy(2)));
    assertThat(sleeps.stream().distinct().count()).isGreaterThan(1);

    ManualScheduler again = new ManualScheduler();
    time = again;
    int[] count = {0};
    Poller same = poller().jitter(0.5).seed(42).listener(r -> count[0]++).build();
    same.run(() -> count[0] < 5);
    assertThat(again.sleeps()).isEqualTo(sleeps);
  }
}
