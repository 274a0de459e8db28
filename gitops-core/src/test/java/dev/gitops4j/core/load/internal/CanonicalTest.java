package dev.gitops4j.core.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keys and identifying values repeated across files are held once (a 100,000-file repository loads
 * within a 512 MB heap), other values never go into the shared table: they may be secrets.
 */
class CanonicalTest {
  private static final String DOC =
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: NAME\n  namespace: prod\n"
          + "stringData:\n  password: hunter2\n";

  private static Node.Obj parse(FileParser parser, String name) {
    byte[] bytes = DOC.replace("NAME", name).getBytes(StandardCharsets.UTF_8);
    var result = parser.parse(name + ".yaml", bytes.length, () -> bytes);
    assertThat(result.problems()).isEmpty();
    return (Node.Obj) result.documents().head().node();
  }

  private static String text(Node.Obj doc, String pointer) {
    return doc.at(pointer).flatMap(Node::asText).get();
  }

  private static String key(Node.Obj doc, int index) {
    return doc.fields().keySet().toList().get(index);
  }

  @Test
  void keysAndIdentifyingValuesAreSharedAcrossFiles() {
    FileParser parser = new FileParser(1 << 20, 1000);
    Node.Obj a = parse(parser, "a");
    Node.Obj b = parse(parser, "b");
    assertThat(key(a, 0)).isEqualTo("apiVersion").isSameAs(key(b, 0));
    assertThat(text(a, "/apiVersion")).isSameAs(text(b, "/apiVersion"));
    assertThat(text(a, "/kind")).isSameAs(text(b, "/kind"));
    assertThat(text(a, "/metadata/namespace")).isSameAs(text(b, "/metadata/namespace"));
  }

  @Test
  void otherValuesAreNotShared() {
    FileParser parser = new FileParser(1 << 20, 1000);
    Node.Obj a = parse(parser, "a");
    Node.Obj b = parse(parser, "b");
    assertThat(text(a, "/stringData/password"))
        .isEqualTo(text(b, "/stringData/password"))
        .isNotSameAs(text(b, "/stringData/password"));
  }

  @Test
  void theTableIsBoundedAndSkipsLongStrings() {
    Canonical table = new Canonical(2);
    String first = new String("a".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(table.of(first)).isSameAs(first);
    assertThat(table.of(new String(first.toCharArray()))).isSameAs(first);
    table.of("b");
    String third = new String("c".toCharArray());
    table.of(third);
    String again = new String("c".toCharArray());
    assertThat(table.of(again)).as("full: kept as it is").isSameAs(again);
    String longer = "x".repeat(Canonical.MAX_LENGTH + 1);
    assertThat(table.of(longer)).isSameAs(longer);
    assertThat(table.of(new String(longer.toCharArray()))).isNotSameAs(longer);
  }
}
