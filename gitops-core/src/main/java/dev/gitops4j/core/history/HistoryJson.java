package dev.gitops4j.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * History records and failed marks as JSON, the format of {@code history.jsonl} and {@code
 * failed.json}, and of {@code gitops4j history --json}.
 */
public final class HistoryJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private HistoryJson() {}

  /**
   * A record as a JSON object.
   *
   * @param r the record to write
   * @return a new object with {@code revision}, {@code planDigest}, {@code outcome}, {@code
   *     startedAt}, {@code durationMillis}, {@code changes}, and {@code rollback} and {@code
   *     message} when the record has them
   */
  public static ObjectNode toJson(HistoryRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.set("revision", revision(r.revision()));
    n.put("planDigest", r.planDigest());
    n.put("outcome", r.outcome().jsonName());
    n.put("startedAt", r.startedAt().toString());
    n.put("durationMillis", r.duration().toMillis());
    n.set("changes", changes(r.changes()));
    r.rollback()
        .forEach(
            b -> {
              ObjectNode rb = n.putObject("rollback");
              rb.put("to", b.toCommit()).put("succeeded", b.succeeded());
              rb.set("changes", changes(b.changes()));
            });
    r.message().forEach(m -> n.put("message", m));
    return n;
  }

  /**
   * A record read back from {@link #toJson(HistoryRecord)}.
   *
   * @param n an object as {@link #toJson(HistoryRecord)} wrote it; changes whose id does not parse
   *     are skipped
   * @return the record
   * @throws RuntimeException (such as {@link java.time.format.DateTimeParseException} or {@link
   *     IllegalArgumentException}) if a time or the outcome is malformed
   */
  public static HistoryRecord record(JsonNode n) {
    JsonNode rb = n.get("rollback");
    return new HistoryRecord(
        revision(n.path("revision")),
        n.path("planDigest").asText(),
        HistoryRecord.Outcome.valueOf(
            n.path("outcome").asText().replace('-', '_').toUpperCase(Locale.ROOT)),
        Instant.parse(n.path("startedAt").asText()),
        Duration.ofMillis(n.path("durationMillis").asLong()),
        changes(n.path("changes")),
        rb == null
            ? Option.none()
            : Option.of(
                new HistoryRecord.Rollback(
                    rb.path("to").asText(),
                    rb.path("succeeded").asBoolean(),
                    changes(rb.path("changes")))),
        text(n, "message"));
  }

  /**
   * A whole store as one pretty-printed JSON document: {@code records} (oldest first), {@code
   * lastKnownGood} (the revision of the last good record, or null), {@code failed} and {@code
   * suspended} (a reason or null).
   *
   * @param store the history to report; only read
   * @return the JSON text, ending with a newline, as {@code gitops4j history --json} prints it
   */
  public static String report(dev.gitops4j.api.history.HistoryStore store) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("records");
    store.records().forEach(r -> records.add(toJson(r)));
    Option<HistoryRecord> good = store.lastKnownGood();
    if (good.isDefined()) {
      root.set("lastKnownGood", revision(good.get().revision()));
    } else {
      root.putNull("lastKnownGood");
    }
    ArrayNode failed = root.putArray("failed");
    store.failedRevisions().forEach(f -> failed.add(toJson(f)));
    Option<String> suspended = store.suspended();
    if (suspended.isDefined()) {
      root.put("suspended", suspended.get());
    } else {
      root.putNull("suspended");
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("history as JSON", e);
    }
  }

  /**
   * A failed mark as a JSON object.
   *
   * @param f the failed revision to write
   * @return a new object with {@code commit}, {@code at}, {@code reason} and {@code pinnedAt}
   */
  public static ObjectNode toJson(FailedRevision f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("commit", f.commit()).put("at", f.at().toString()).put("reason", f.reason());
    n.put("pinnedAt", f.pinnedAt());
    return n;
  }

  static FailedRevision failed(JsonNode n) {
    return new FailedRevision(
        n.path("commit").asText(),
        Instant.parse(n.path("at").asText()),
        n.path("reason").asText(),
        n.path("pinnedAt").asText());
  }

  private static ObjectNode revision(Revision r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("commit", r.commit()).put("ref", r.ref()).put("time", r.time().toString());
    n.put("summary", r.summary());
    return n;
  }

  private static Revision revision(JsonNode n) {
    return new Revision(
        n.path("commit").asText(),
        n.path("ref").asText(),
        Instant.parse(n.path("time").asText()),
        n.path("summary").asText());
  }

  private static ArrayNode changes(Seq<HistoryRecord.ChangeResult> changes) {
    ArrayNode a = JSON.createArrayNode();
    for (HistoryRecord.ChangeResult c : changes) {
      ObjectNode o = a.addObject();
      o.put("id", c.id().toString()).put("action", c.action().jsonName());
      o.put("succeeded", c.succeeded()).put("attempts", c.attempts());
      o.put("durationMillis", c.duration().toMillis());
      c.message().forEach(m -> o.put("message", m));
    }
    return a;
  }

  private static Seq<HistoryRecord.ChangeResult> changes(JsonNode a) {
    Vector<HistoryRecord.ChangeResult> out = Vector.empty();
    for (JsonNode o : List.ofAll(a)) {
      Option<ResourceId> id = ResourceId.parse(o.path("id").asText());
      if (id.isEmpty()) {
        continue;
      }
      out =
          out.append(
              new HistoryRecord.ChangeResult(
                  id.get(),
                  Change.Action.valueOf(o.path("action").asText().toUpperCase(Locale.ROOT)),
                  o.path("succeeded").asBoolean(),
                  o.path("attempts").asInt(1),
                  Duration.ofMillis(o.path("durationMillis").asLong()),
                  text(o, "message")));
    }
    return out;
  }

  private static Option<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Option.none() : Option.of(v.asText());
  }
}
