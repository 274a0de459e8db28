package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.secrets.pgp.PgpRecipient;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The rest of the sops fixtures: files whose key is not published parse as SOPS files and are
 * refused with a clear message; a plain file is not mistaken for one; the Go tests' key (binary key
 * rings, armored and keyring forms) encrypts and decrypts.
 */
class SopsOtherFixturesTest {

  @Test
  void filesWhosePrivateKeyIsNotPublishedAreRefusedClearly() throws Exception {
    for (String path :
        new String[] {
          "config/test_resources/example.yaml", "stores/ini/test_resources/example.json"
        }) {
      byte[] file = SopsFixturesTest.resource(path);
      assertThat(Sops.isSopsFile(path, file)).as(path).isTrue();
      assertThatThrownBy(() -> Sops.decrypt(path, file, SopsFixturesTest.keys()))
          .isInstanceOf(SopsException.class)
          .hasMessageStartingWith(path)
          .hasMessageContaining("none of the given keys can decrypt the data key");
    }
  }

  @Test
  void aPlainFileIsNotASopsFile() throws Exception {
    byte[] plain = SopsFixturesTest.resource("functional-tests/res/plainfile.yaml");
    assertThat(Sops.isSopsFile("plainfile.yaml", plain)).isFalse();
    assertThatThrownBy(() -> Sops.decrypt("plainfile.yaml", plain, SopsFixturesTest.keys()))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("not SOPS-encrypted");
  }

  @Test
  void theGoTestKeyInBinaryKeyRings() throws Exception {
    for (String[] pair :
        new String[][] {
          {"pgp/testdata/public.gpg", "pgp/testdata/private.gpg"},
          {"pgp/testdata/ring/pubring.gpg", "pgp/testdata/ring/secring.gpg"}
        }) {
      PgpRecipient to = PgpRecipient.read(SopsFixturesTest.resource(pair[0]));
      assertThat(to.fingerprint()).isEqualTo("B59DAF469E8C948138901A649732075EA221A7EA");
      byte[] file =
          Sops.encrypt(
              "x.yaml",
              "a: 1\nb: two\n".getBytes(StandardCharsets.UTF_8),
              SopsEncryptOptions.builder().pgpRecipient(to).build());
      PgpSecretKeys keys = PgpSecretKeys.read(SopsFixturesTest.resource(pair[1]), "");
      assertThat(
              new String(
                  Sops.decrypt("x.yaml", file, SopsKeys.pgp(keys)).plaintext(),
                  StandardCharsets.UTF_8))
          .isEqualTo("a: 1\nb: two\n");
    }
  }
}
