package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.secrets.age.HybridIdentity;
import dev.gitops4j.secrets.age.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsCommandTest {
  @TempDir Path tmp;

  @SuppressWarnings("ArrayRecordComponent") // test output holder
  record Bytes(int code, byte[] out, String err) {}

  static Bytes run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin), out, err);
    return new Bytes(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  Path resource(String name) throws Exception {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/sops/" + name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  @Test
  void sopsDecryptPrintsWhatSopsDashDPrints() throws Exception {
    Path key = resource("sops_functional_tests_key.asc");
    Path file = resource("format.enc.yaml");
    Bytes r = run(new byte[0], "sops", "decrypt", "--pgp-key", key.toString(), file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(new String(r.out(), StandardCharsets.UTF_8)).isEqualTo("foo: bar\n");
  }

  @Test
  void aTamperedValueTypeIsRefusedWithoutQuotingTheValue() throws Exception {
    X25519Identity me = X25519Identity.generate();
    Path keys = tmp.resolve("keys.txt");
    Files.writeString(keys, me.reveal() + "\n");
    Path plain = tmp.resolve("s.yaml");
    Files.writeString(plain, "password: CANARY-cli-9b2f\n");
    Bytes enc =
        run(
            new byte[0],
            "sops",
            "encrypt",
            "--age-recipient",
            me.recipient().toString(),
            plain.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    Path file = tmp.resolve("s.enc.yaml");
    Files.writeString(
        file, new String(enc.out(), StandardCharsets.UTF_8).replace("type:str]", "type:float]"));
    Bytes dec = run(new byte[0], "sops", "decrypt", "--age-key", keys.toString(), file.toString());
    assertThat(dec.code()).isEqualTo(1);
    assertThat(dec.err()).contains("s.enc.yaml", "password", "type").doesNotContain("CANARY");
    assertThat(new String(dec.out(), StandardCharsets.UTF_8)).doesNotContain("CANARY");
  }

  @Test
  void sopsEncryptThenDecryptWithAge() throws Exception {
    X25519Identity me = X25519Identity.generate();
    Path keys = tmp.resolve("keys.txt");
    Files.writeString(keys, "# created for a test\n" + me.reveal() + "\n");
    Path plain = tmp.resolve("app.env");
    Files.writeString(plain, "DB_PASSWORD=s3cret\nDB_USER=app\n");
    Bytes enc =
        run(
            new byte[0],
            "sops",
            "encrypt",
            "--age-recipient",
            me.recipient().toString(),
            plain.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    String encrypted = new String(enc.out(), StandardCharsets.UTF_8);
    assertThat(encrypted)
        .contains("sops_age__list_0__map_recipient=" + me.recipient())
        .doesNotContain("s3cret");
    Path file = tmp.resolve("app.enc.env");
    Files.write(file, enc.out());
    Bytes dec = run(new byte[0], "sops", "decrypt", "--age-key", keys.toString(), file.toString());
    assertThat(dec.code()).as(dec.err()).isZero();
    assertThat(new String(dec.out(), StandardCharsets.UTF_8))
        .isEqualTo("DB_PASSWORD=s3cret\nDB_USER=app\n");

    Bytes wrong =
        run(
            new byte[0],
            "sops",
            "decrypt",
            "--pgp-key",
            resource("sops_functional_tests_key.asc").toString(),
            file.toString());
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err())
        .contains("app.enc.env")
        .contains("data key")
        .doesNotContain("Exception");
    assertThat(run(new byte[0], "sops", "decrypt", file.toString()).code()).isEqualTo(64);
  }

  @Test
  void sopsEncryptsToAPostQuantumRecipientThatItsIdentityFileOpens() throws Exception {
    HybridIdentity me = HybridIdentity.generate();
    Path keys = tmp.resolve("pq.txt");
    Files.writeString(keys, me.reveal() + "\n");
    Path plain = tmp.resolve("pq.yaml");
    Files.writeString(plain, "token: CANARY-pq-cli\n");
    Bytes enc =
        run(
            new byte[0],
            "sops",
            "encrypt",
            "--age-recipient",
            me.recipient().toString(),
            plain.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    assertThat(new String(enc.out(), StandardCharsets.UTF_8))
        .contains("recipient: " + me.recipient())
        .doesNotContain("CANARY-pq-cli");
    Path file = tmp.resolve("pq.enc.yaml");
    Files.write(file, enc.out());
    Bytes dec = run(new byte[0], "sops", "decrypt", "--age-key", keys.toString(), file.toString());
    assertThat(dec.code()).as(dec.err()).isZero();
    assertThat(new String(dec.out(), StandardCharsets.UTF_8)).isEqualTo("token: CANARY-pq-cli\n");
  }

  @Test
  void ageEncryptAndDecryptThroughStandardStreams() throws Exception {
    X25519Identity me = X25519Identity.generate();
    Path keys = tmp.resolve("id.txt");
    Files.writeString(keys, me.reveal() + "\n");
    byte[] data = "binary \0 data\n".getBytes(StandardCharsets.UTF_8);
    Bytes enc = run(data, "age", "encrypt", "-r", me.recipient().toString(), "--armor");
    assertThat(enc.code()).isZero();
    assertThat(new String(enc.out(), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN AGE ENCRYPTED FILE-----");
    Bytes dec = run(enc.out(), "age", "decrypt", "-i", keys.toString());
    assertThat(dec.code()).isZero();
    assertThat(dec.out()).isEqualTo(data);
    Bytes bad =
        run(
            enc.out(),
            "age",
            "decrypt",
            "-i",
            resource("sops_functional_tests_key.asc").toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(run(data, "age", "encrypt", "-r", "age1bogus").code()).isEqualTo(64);
    assertThat(run(data, "age").code()).isEqualTo(64);
  }
}
