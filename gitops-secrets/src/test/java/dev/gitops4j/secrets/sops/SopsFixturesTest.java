package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every decryptable SOPS fixture from the sops repository (16 files: YAML, JSON, INI, dotenv,
 * binary) decrypts with the key its MANIFEST names and its MAC verifies; files with a known
 * plaintext decrypt to exactly it; {@code no_mac.yaml} is refused.
 */
class SopsFixturesTest {
  private static int ran;

  static byte[] resource(String path) throws IOException {
    try (InputStream in = SopsFixturesTest.class.getResourceAsStream("/sops/" + path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return in.readAllBytes();
    }
  }

  static SopsKeys keys() throws Exception {
    return SopsKeys.pgp(PgpSecretKeys.read(resource("pgp/sops_functional_tests_key.asc"), ""));
  }

  static String decrypt(String path) throws Exception {
    return new String(
        Sops.decrypt(path, resource(path), keys()).plaintext(), StandardCharsets.UTF_8);
  }

  record Case(String path, @org.jspecify.annotations.Nullable String expected) {}

  @TestFactory
  Stream<DynamicTest> everyFixtureDecrypts() {
    List<Case> cases =
        List.of(
            new Case("example.yaml", null),
            new Case("example.json", null),
            new Case("example.ini", null),
            new Case("example.txt", null),
            new Case("examples/all_in_one/config/secret.enc.json", null),
            new Case("examples/per_file/config.enc/static_github.json", null),
            new Case("functional-tests/res/comments.enc.yaml", null),
            new Case("functional-tests/res/comments_unencrypted_comments.yaml", null),
            new Case("functional-tests/res/format.enc.yaml", "foo: bar\n"),
            new Case("functional-tests/res/format.enc.json", "{\n\t\"foo\": \"bar\"\n}\n"),
            new Case("functional-tests/res/format.enc.ini", "[foo]\nbar = baz\n\n"),
            new Case("functional-tests/res/format.enc.env", "foo = bar\n"),
            new Case("functional-tests/res/format-2.enc.ini", "[foo]\nbar = baz\n\n"),
            new Case("functional-tests/res/multiple_keys.yaml", "message: hello\n"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases) {
      tests.add(
          DynamicTest.dynamicTest(
              c.path(),
              () -> {
                String plain = decrypt(c.path());
                ran++;
                assertThat(plain).doesNotContain("ENC[").doesNotContain("lastmodified");
                if (c.expected() != null) {
                  assertThat(plain).isEqualTo(c.expected());
                }
              }));
    }
    return tests.stream();
  }

  @Test
  void knownPlaintexts() throws Exception {
    String yaml = decrypt("example.yaml");
    assertThat(yaml)
        .contains(
            "myapp1: t00m4nys3cr3tzupdated", "password: ", "an_array:", "somelist_unencrypted:");
    assertThat(decrypt("example.txt")).startsWith("Welcome to SOPS!\n");
    assertThat(decrypt("example.json")).contains("\"firstName\": \"John\"");
    assertThat(decrypt("example.ini")).contains("[name]").contains("firstName = John");
    String comments = decrypt("functional-tests/res/comments.enc.yaml");
    assertThat(comments)
        .contains("# first comment in file", "lorem: ipsum", "# this-is-a-comment", "dolor: sit");
    ran++;
  }

  @Test
  void aFileWithoutMacIsRefused() {
    assertThatThrownBy(() -> decrypt("functional-tests/res/no_mac.yaml"))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("no_mac.yaml")
        .hasMessageContaining("MAC");
    ran++;
  }

  @AfterAll
  static void report() {
    System.out.println("SOPS fixtures: " + ran + " cases ran");
  }
}
