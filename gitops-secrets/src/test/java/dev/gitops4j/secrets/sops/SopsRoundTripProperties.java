package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.JsonPatch;
import dev.gitops4j.secrets.age.X25519Identity;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Encrypting then decrypting any YAML or JSON document gives back the same document. */
class SopsRoundTripProperties {
  static final X25519Identity ME = X25519Identity.generate();
  static final SopsEncryptOptions TO_ME =
      SopsEncryptOptions.builder().ageRecipient(ME.recipient()).build();

  @Property(tries = 150)
  void yamlRoundTrips(@ForAll("documents") Node.Obj doc) throws Exception {
    roundTrip("doc.yaml", Documents.toYaml(doc), doc);
  }

  @Property(tries = 150)
  void jsonRoundTrips(@ForAll("documents") Node.Obj doc) throws Exception {
    roundTrip("doc.json", Documents.toJson(doc), doc);
  }

  private static void roundTrip(String name, String text, Node.Obj expected) throws Exception {
    byte[] encrypted = Sops.encrypt(name, text.getBytes(StandardCharsets.UTF_8), TO_ME);
    SopsDocument decrypted = Sops.decrypt(name, encrypted, SopsKeys.age(List.of(ME)));
    Node back =
        Documents.parse(name, new String(decrypted.plaintext(), StandardCharsets.UTF_8))
            .get()
            .head();
    assertThat(JsonPatch.jsonEquals(back, expected))
        .as("%s\nbecame\n%s", text, Documents.toJson(back))
        .isTrue();
    assertThat(Documents.toCanonicalJson(decrypted.toNode())).doesNotContain("ENC[");
  }

  @Provide
  Arbitrary<Node.Obj> documents() {
    return Arbitraries.maps(key(), node(3))
        .ofMaxSize(5)
        .map(m -> new Node.Obj(LinkedHashMap.ofAll(new TreeMap<>(m))));
  }

  private static Arbitrary<String> key() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('_', '-')
        .ofMinLength(1)
        .ofMaxLength(8);
  }

  private Arbitrary<Node> node(int depth) {
    Arbitrary<Node> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "",
                    "true",
                    "1",
                    "null",
                    "0.5",
                    "a: b",
                    "- x",
                    "#c",
                    "ünï ☃",
                    "two\nlines",
                    " pad ",
                    "ENC",
                    "yes")
                .map(Node::str),
            Arbitraries.strings().ofMaxLength(10).map(Node::str),
            Arbitraries.longs().map(Node::num),
            Arbitraries.integers()
                .between(-100000, 100000)
                .map(i -> (Node) Node.num(BigDecimal.valueOf(i, 2))),
            Arbitraries.of(Node.bool(true), Node.bool(false), Node.nil()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Node> child = Arbitraries.lazy(() -> node(depth - 1));
    Arbitrary<Node> map =
        Arbitraries.maps(key(), child)
            .ofMaxSize(3)
            .map(m -> new Node.Obj(LinkedHashMap.ofAll(new TreeMap<>(m))));
    Arbitrary<Node> list =
        child.list().ofMinSize(1).ofMaxSize(3).map(l -> new Node.Arr(Vector.ofAll(l)));
    return Arbitraries.frequencyOf(Tuple.of(4, scalar), Tuple.of(2, map), Tuple.of(1, list));
  }
}
