package dev.gitops4j.secrets.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gitops4j.secrets.sops.Sops;
import dev.gitops4j.secrets.sops.SopsEncryptOptions;
import dev.gitops4j.secrets.sops.SopsKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPGP interop with the real gpg CLI, using an ECC key (ed25519 + cv25519) protected by a
 * passphrase: gpg's messages decrypt here, ours decrypt in gpg, and SOPS files encrypted to the key
 * open with it. Skipped, with a message, only when gpg is absent.
 */
class GpgInteropIT {
  static final String PASS = "correct horse battery";
  @TempDir static Path tmp;
  static Path home;
  static String fingerprint;

  @BeforeAll
  static void makeKey() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/gpg")),
        "gpg is not installed; skipping OpenPGP interop");
    home =
        Files.createDirectory(
            tmp.resolve("g"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    gpg(null, "--quick-gen-key", "GitOps4J Test <test@gitops4j.dev>", "ed25519", "cert", "never");
    String list = new String(gpg(null, "--list-keys", "--with-colons"), StandardCharsets.UTF_8);
    fingerprint =
        list.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":", -1)[9];
    gpg(null, "--quick-add-key", fingerprint, "cv25519", "encr", "never");
  }

  @AfterAll
  static void stopAgent() throws Exception {
    if (home != null) {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
          .start()
          .waitFor();
    }
  }

  static byte[] gpg(byte @org.jspecify.annotations.Nullable [] stdin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "gpg",
                "--homedir",
                home.toString(),
                "--batch",
                "--yes",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                PASS,
                "--trust-model",
                "always"));
    cmd.addAll(List.of(args));
    Path in = Files.createTempFile(tmp, "in", ".bin");
    Files.write(in, stdin == null ? new byte[0] : stdin);
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(in.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    return out;
  }

  @Test
  void eccMessagesGoBothWays() throws Exception {
    byte[] secret = gpg(null, "--armor", "--export-secret-keys", fingerprint);
    byte[] pub = gpg(null, "--armor", "--export", fingerprint);
    byte[] data = "the data key, 32 bytes of it....".getBytes(StandardCharsets.US_ASCII);

    byte[] fromGpg = gpg(data, "--armor", "--encrypt", "--recipient", fingerprint);
    PgpSecretKeys keys = PgpSecretKeys.read(secret, PASS);
    assertThat(keys.decrypt(fromGpg)).isEqualTo(data);

    PgpRecipient recipient = PgpRecipient.read(pub);
    assertThat(recipient.fingerprint()).isEqualTo(fingerprint);
    String ours = recipient.encrypt(data);
    assertThat(gpg(ours.getBytes(StandardCharsets.US_ASCII), "--decrypt")).isEqualTo(data);

    assertThatThrownBy(() -> PgpSecretKeys.read(secret, "wrong").decrypt(fromGpg))
        .isInstanceOf(PgpException.class)
        .hasMessageContaining("passphrase");
  }

  @Test
  void aSopsFileEncryptedToTheEccKeyOpensWithIt() throws Exception {
    byte[] secret = gpg(null, "--armor", "--export-secret-keys", fingerprint);
    byte[] pub = gpg(null, "--armor", "--export", fingerprint);
    byte[] file =
        Sops.encrypt(
            "s.json",
            "{\"password\": \"p4ss\", \"port\": 5432}".getBytes(StandardCharsets.UTF_8),
            SopsEncryptOptions.builder().pgpRecipient(PgpRecipient.read(pub)).build());
    assertThat(new String(file, StandardCharsets.UTF_8))
        .contains("\"fp\": \"" + fingerprint + "\"");
    String plain =
        new String(
            Sops.decrypt("s.json", file, SopsKeys.pgp(PgpSecretKeys.read(secret, PASS)))
                .plaintext(),
            StandardCharsets.UTF_8);
    assertThat(plain).contains("\"password\": \"p4ss\"", "\"port\": 5432");
  }
}
