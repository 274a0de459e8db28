package dev.gitops4j.core.plan;

import static dev.gitops4j.core.plan.JacksonNodes.toNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.load.Documents;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the JSON Merge Patch (RFC 7386/7396) conformance data in full: the 15 cases of the RFC's
 * Appendix A and java-json-tools' patch-object (10) and patch-nonobject (3) records through {@link
 * JsonMergePatch#apply}; each expected result is also reached by {@link JsonMergePatch#diff}; and
 * java-json-tools' serdeser values (11) round-trip exactly through GitOps4J's JSON reader and
 * writer (big numbers, nulls inside arrays). Sources and licences in {@code
 * json-merge-patch/SOURCE.txt}.
 */
class JsonMergePatchConformanceTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static int ran;

  @TestFactory
  Stream<DynamicTest> suite() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode r : read("rfc7386-appendix-a.json")) {
      tests.add(
          DynamicTest.dynamicTest(
              "rfc7386 #" + i++ + " " + r.path("comment").asText(),
              () ->
                  check(toNode(r.get("doc")), toNode(r.get("patch")), toNode(r.get("expected")))));
    }
    i = 0;
    for (JsonNode r : read("patch-object.json")) {
      tests.add(
          DynamicTest.dynamicTest(
              "patch-object #" + i++,
              () ->
                  check(toNode(r.get("victim")), toNode(r.get("patch")), toNode(r.get("result")))));
    }
    i = 0;
    for (JsonNode r : read("patch-nonobject.json")) {
      tests.add(
          DynamicTest.dynamicTest(
              "patch-nonobject #" + i++,
              () ->
                  check(toNode(r.get("victim")), toNode(r.get("patch")), toNode(r.get("patch")))));
    }
    for (String file : List.of("serdeser-object.json", "serdeser-nonobject.json")) {
      i = 0;
      for (JsonNode value : read(file)) {
        tests.add(DynamicTest.dynamicTest(file + " #" + i++, () -> roundTrip(value)));
      }
    }
    assertThat(tests).hasSize(15 + 10 + 3 + 2 + 9);
    return tests.stream();
  }

  private static void check(Node doc, Node patch, Node expected) {
    ran++;
    Node result = JsonMergePatch.apply(doc, patch);
    assertThat(JsonPatch.jsonEquals(result, expected))
        .as("apply gave %s, expected %s", Documents.toJson(result), Documents.toJson(expected))
        .isTrue();
    Option<Node> diff = JsonMergePatch.diff(doc, expected);
    assertThat(diff).as("no merge patch from %s to %s", doc, expected).isNotEmpty();
    assertThat(JsonPatch.jsonEquals(JsonMergePatch.apply(doc, diff.get()), expected))
        .as("the computed patch %s", Documents.toJson(diff.get()))
        .isTrue();
  }

  private static void roundTrip(JsonNode value) throws IOException {
    ran++;
    String text = JSON.writeValueAsString(value);
    Node read = Documents.parse("value.json", text).get().head();
    assertThat(JsonPatch.jsonEquals(read, toNode(value))).as("read %s as %s", text, read).isTrue();
    Node again = Documents.parse("again.json", Documents.toJson(read)).get().head();
    assertThat(again).as("written as %s", Documents.toJson(read)).isEqualTo(read);
  }

  @AfterAll
  static void report() {
    System.out.println("JSON Merge Patch conformance: " + ran + " cases ran");
  }

  private static JsonNode read(String name) throws IOException {
    try (InputStream in =
        JsonMergePatchConformanceTest.class.getResourceAsStream("/json-merge-patch/" + name)) {
      return JSON.readTree(in);
    }
  }
}
