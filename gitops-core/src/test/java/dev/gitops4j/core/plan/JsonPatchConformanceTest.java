package dev.gitops4j.core.plan;

import static dev.gitops4j.core.plan.JacksonNodes.toNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.load.Documents;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the json-patch-tests suite (tests.json, spec_tests.json) in full: every enabled record
 * either produces its expected document or fails, as the record says, and for each expected
 * document the generated diff reaches it from the same start. Disabled records are counted and
 * skipped, as the suite's README asks.
 */
class JsonPatchConformanceTest {
  private static int ran;
  private static int disabled;

  @TestFactory
  Stream<DynamicTest> suite() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : List.of("tests.json", "spec_tests.json")) {
      Node.Arr records = (Node.Arr) read(file);
      int i = 0;
      for (Node record : records.items()) {
        Node.Obj r = (Node.Obj) record;
        String name =
            file + " #" + i++ + " " + r.get("comment").flatMap(Node::asText).getOrElse("");
        if (r.get("disabled").contains(Node.bool(true))) {
          disabled++;
          continue;
        }
        tests.add(DynamicTest.dynamicTest(name, () -> check(r)));
      }
    }
    assertThat(tests).hasSize(112 - 4);
    return tests.stream();
  }

  private static void check(Node.Obj r) {
    ran++;
    Node doc = r.get("doc").get();
    Either<String, Node> result =
        JsonPatch.parse(r.get("patch").get()).flatMap(p -> JsonPatch.apply(doc, p));
    if (r.get("error").isDefined()) {
      assertThat(result.isLeft()).as("expected failure, got %s", result).isTrue();
    } else if (r.get("expected").isDefined()) {
      assertThat(result.isRight()).as("failed: %s", result).isTrue();
      assertThat(JsonPatch.jsonEquals(result.get(), r.get("expected").get()))
          .as("got %s", Documents.toJson(result.get()))
          .isTrue();
      // and the diff reaches the same document from the same start
      Node expected = r.get("expected").get();
      Either<String, Node> diffed = JsonPatch.apply(doc, JsonPatch.diff(doc, expected));
      assertThat(diffed.isRight() && JsonPatch.jsonEquals(diffed.get(), expected))
          .as("diff gave %s", diffed)
          .isTrue();
    } else {
      assertThat(result.isRight()).as("failed: %s", result).isTrue();
    }
  }

  @AfterAll
  static void report() {
    System.out.println(
        "JSON Patch conformance: " + ran + " cases ran, " + disabled + " disabled records skipped");
  }

  /**
   * Reads a suite file with Jackson's tree model, because one disabled record holds a duplicate key
   * on purpose, which GitOps4J's own reader rightly refuses.
   */
  static Node read(String name) throws IOException {
    try (InputStream in =
        JsonPatchConformanceTest.class.getResourceAsStream("/json-patch/" + name)) {
      return toNode(new ObjectMapper().readTree(in));
    }
  }
}
