package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.secrets.age.X25519Identity;
import dev.gitops4j.secrets.pgp.PgpRecipient;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Changing any byte of a value, IV, tag, the MAC, the encrypted data key or a recipient stanza is
 * refused with an error that names the file and what failed, and never shows a value.
 */
class SopsTamperingTest {
  static final X25519Identity ME = X25519Identity.generate();
  static final String PLAIN =
      "db:\n    user: admin\n    password: CANARY-hunter2\nport: 5432\nnote_unencrypted: hello\n";

  static String encrypted() throws Exception {
    return new String(
        Sops.encrypt(
            "s.yaml",
            PLAIN.getBytes(StandardCharsets.UTF_8),
            SopsEncryptOptions.builder().ageRecipient(ME.recipient()).build()),
        StandardCharsets.UTF_8);
  }

  static void assertRefused(String file, String... expectedInMessage) {
    assertThatThrownBy(
            () ->
                Sops.decrypt(
                    "s.yaml", file.getBytes(StandardCharsets.UTF_8), SopsKeys.age(List.of(ME))))
        .isInstanceOf(SopsException.class)
        .hasMessageStartingWith("s.yaml: ")
        .hasMessageContainingAll(expectedInMessage)
        .message()
        .doesNotContain("hunter2")
        .doesNotContain("admin");
  }

  /** Flips one base64 character of the group in the first match of {@code regex}. */
  static String flip(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    int at = m.start(1) + 2;
    char c = text.charAt(at);
    return text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1);
  }

  @Test
  void theUntamperedFileDecrypts() throws Exception {
    String plain =
        new String(
            Sops.decrypt(
                    "s.yaml",
                    encrypted().getBytes(StandardCharsets.UTF_8),
                    SopsKeys.age(List.of(ME)))
                .plaintext(),
            StandardCharsets.UTF_8);
    assertThat(plain).isEqualTo(PLAIN);
  }

  @Test
  void valueDataIvAndTag() throws Exception {
    String file = encrypted();
    assertRefused(
        flip(file, "password: ENC\\[AES256_GCM,data:([^,]+)"), "db:password:", "failed to decrypt");
    assertRefused(flip(file, "password: ENC\\[AES256_GCM,data:[^,]+,iv:([^,]+)"), "db:password:");
    assertRefused(
        flip(file, "password: ENC\\[AES256_GCM,data:[^,]+,iv:[^,]+,tag:([^,]+)"), "db:password:");
  }

  @Test
  void aValueMovedToAnotherKey() throws Exception {
    String file = encrypted();
    Matcher user = Pattern.compile("user: (ENC\\[[^\\]]+\\])").matcher(file);
    Matcher pass = Pattern.compile("password: (ENC\\[[^\\]]+\\])").matcher(file);
    assertThat(user.find() && pass.find()).isTrue();
    String swapped =
        file.replace(user.group(1), "X")
            .replace(pass.group(1), user.group(1))
            .replace("user: X", "user: " + pass.group(1));
    assertRefused(swapped, "failed to decrypt");
  }

  @Test
  void theMac() throws Exception {
    String file = encrypted();
    assertRefused(flip(file, "mac: ENC\\[AES256_GCM,data:([^,]+)"), "MAC");
    assertThat(file).contains("note_unencrypted: hello");
    assertRefused(file.replace("note_unencrypted: hello", "note_unencrypted: bye"), "MAC mismatch");
    assertRefused(
        file.replaceAll("lastmodified: \"?[^\\n\"]+\"?", "lastmodified: \"2001-01-01T00:00:00Z\""),
        "MAC");
  }

  @Test
  void theDataKeyAndTheRecipientStanza() throws Exception {
    String file = encrypted();
    Matcher armored =
        Pattern.compile("-----BEGIN AGE ENCRYPTED FILE-----\\n\\s*([A-Za-z0-9+/]{20})")
            .matcher(file);
    assertThat(armored.find()).isTrue();
    String body = armored.group(1);
    String stanza =
        file.replace(
            body,
            body.substring(0, 10) + (body.charAt(10) == 'A' ? 'B' : 'A') + body.substring(11));
    assertRefused(stanza, "data key");
    Matcher last =
        Pattern.compile("\\n\\s*([A-Za-z0-9+/]{4})[A-Za-z0-9+/=]*\\n\\s*-----END AGE")
            .matcher(file);
    assertThat(last.find()).isTrue();
    int at = last.start(1) + 1;
    String dataKey =
        file.substring(0, at) + (file.charAt(at) == 'A' ? 'B' : 'A') + file.substring(at + 1);
    assertRefused(dataKey, "data key");
  }

  @Test
  void pgpRecipientsAndKeyGroups() throws Exception {
    byte[] ring = SopsFixturesTest.resource("pgp/sops_functional_tests_key.asc");
    PgpSecretKeys pgp = PgpSecretKeys.read(ring, "");
    X25519Identity a = X25519Identity.generate();
    X25519Identity b = X25519Identity.generate();
    byte[] plain = PLAIN.getBytes(StandardCharsets.UTF_8);

    byte[] toPgp =
        Sops.encrypt(
            "p.json",
            "{\"k\": \"v\"}".getBytes(StandardCharsets.UTF_8),
            SopsEncryptOptions.builder().pgpRecipient(PgpRecipient.read(ring)).build());
    assertThat(
            new String(
                Sops.decrypt("p.json", toPgp, SopsKeys.pgp(pgp)).plaintext(),
                StandardCharsets.UTF_8))
        .contains("\"k\": \"v\"");

    byte[] grouped =
        Sops.encrypt(
            "g.yaml",
            plain,
            SopsEncryptOptions.builder()
                .keyGroup(List.of(a.recipient()), List.of())
                .keyGroup(List.of(b.recipient()), List.of())
                .keyGroup(List.of(), List.of(PgpRecipient.read(ring)))
                .shamirThreshold(2)
                .build());
    assertThat(new String(grouped, StandardCharsets.UTF_8))
        .contains("shamir_threshold: 2", "key_groups:");
    SopsKeys aAndPgp = SopsKeys.age(List.of(a)).and(SopsKeys.pgp(pgp));
    assertThat(
            new String(
                Sops.decrypt("g.yaml", grouped, aAndPgp).plaintext(), StandardCharsets.UTF_8))
        .isEqualTo(PLAIN);
    assertThat(
            new String(
                Sops.decrypt("g.yaml", grouped, SopsKeys.age(List.of(a, b))).plaintext(),
                StandardCharsets.UTF_8))
        .isEqualTo(PLAIN);
    assertThatThrownBy(() -> Sops.decrypt("g.yaml", grouped, SopsKeys.age(List.of(a))))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("only 1 of the 2 key groups");
  }

  @Test
  void everyStoreRoundTrips() throws Exception {
    SopsEncryptOptions opts = SopsEncryptOptions.builder().ageRecipient(ME.recipient()).build();
    for (String[] c :
        new String[][] {
          {"a.env", "USER=admin\nPASSWORD=hunter2\n"},
          {"a.ini", "[db]\nuser = admin\npassword = hunter2\n\n"},
          {"a.bin", "raw \u0001 bytes\nand lines\n"},
          {"a.json", "{\n\t\"a\": [\n\t\t1,\n\t\ttrue,\n\t\t\"x\"\n\t]\n}\n"}
        }) {
      byte[] enc = Sops.encrypt(c[0], c[1].getBytes(StandardCharsets.UTF_8), opts);
      assertThat(new String(enc, StandardCharsets.UTF_8)).doesNotContain("hunter2");
      assertThat(
              new String(
                  Sops.decrypt(c[0], enc, SopsKeys.age(List.of(ME))).plaintext(),
                  StandardCharsets.UTF_8))
          .as(c[0])
          .isEqualTo(c[1]);
    }
  }
}
