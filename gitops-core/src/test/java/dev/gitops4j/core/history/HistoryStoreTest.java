package dev.gitops4j.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.history.HistoryStore;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  @TempDir Path tmp;

  static HistoryRecord record(String commit, HistoryRecord.Outcome outcome) {
    return new HistoryRecord(
        new Revision(commit, "main", Instant.EPOCH, "msg " + commit),
        "sha256:abc",
        outcome,
        Instant.parse("2026-01-01T00:00:00Z"),
        Duration.ofMillis(1500),
        List.of(
            new HistoryRecord.ChangeResult(
                ResourceId.of("ConfigMap", "app", "web"),
                Change.Action.CREATE,
                true,
                2,
                Duration.ofMillis(20),
                Option.none())),
        outcome == HistoryRecord.Outcome.ROLLED_BACK
            ? Option.of(new HistoryRecord.Rollback("good", true, List.empty()))
            : Option.none(),
        Option.of("a note"));
  }

  @Test
  void fileStoreRoundTripsRecordsMarksAndSuspension() {
    FileHistoryStore store = FileHistoryStore.at(tmp);
    HistoryRecord r = record("aaa", HistoryRecord.Outcome.ROLLED_BACK);
    store.record(r);
    store.markFailed(new FailedRevision("aaa", Instant.EPOCH, "health gate failed", "good"));
    store.suspend("maintenance");

    FileHistoryStore again = FileHistoryStore.at(tmp);
    assertThat(again.records()).containsExactly(r);
    assertThat(again.failed("aaa").get().describe())
        .isEqualTo(
            "revision aaa failed at 1970-01-01T00:00:00Z, pinned at good: health gate failed");
    assertThat(again.suspended()).contains("maintenance");
    assertThat(again.resume()).isTrue();
    assertThat(again.clearFailed("aaa")).isTrue();
    assertThat(FileHistoryStore.at(tmp).failed("aaa")).isEmpty();
    assertThat(FileHistoryStore.at(tmp).suspended()).isEmpty();
  }

  @Test
  void retentionIsBoundedButKeepsTheLastKnownGood() {
    for (HistoryStore store :
        java.util.List.of(FileHistoryStore.at(tmp, 5), InMemoryHistoryStore.withRetention(5))) {
      store.record(record("good", HistoryRecord.Outcome.SUCCEEDED));
      for (int i = 0; i < 40; i++) {
        store.record(record("bad" + i, HistoryRecord.Outcome.FAILED));
      }
      assertThat(store.records()).hasSize(6);
      assertThat(store.lastKnownGood().map(h -> h.revision().commit())).contains("good");
    }
    assertThat(FileHistoryStore.at(tmp, 5).records()).hasSize(6);
  }

  @Test
  void lastKnownGoodSkipsRevisionsMarkedFailed() {
    HistoryStore store = InMemoryHistoryStore.create();
    store.record(record("one", HistoryRecord.Outcome.SUCCEEDED));
    store.record(record("two", HistoryRecord.Outcome.IN_SYNC));
    assertThat(store.lastKnownGood().map(h -> h.revision().commit())).contains("two");
    store.markFailed(new FailedRevision("two", Instant.EPOCH, "rolled back by hand", "one"));
    assertThat(store.lastKnownGood().map(h -> h.revision().commit())).contains("one");
  }

  @Test
  void aTornLastLineIsSkippedAndTheNextRecordStillReads() throws Exception {
    FileHistoryStore.at(tmp).record(record("one", HistoryRecord.Outcome.SUCCEEDED));
    Files.writeString(
        tmp.resolve("history.jsonl"),
        "{\"revision\":{\"comm",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    FileHistoryStore store = FileHistoryStore.at(tmp);
    assertThat(store.records()).hasSize(1);
    store.record(record("two", HistoryRecord.Outcome.SUCCEEDED));
    assertThat(FileHistoryStore.at(tmp).records().map(h -> h.revision().commit()))
        .containsExactly("one", "two");
  }
}
