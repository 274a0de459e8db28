package dev.gitops4j.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.secrets.age.HybridIdentity;
import dev.gitops4j.secrets.age.Identities;
import dev.gitops4j.secrets.age.ScryptRecipient;
import dev.gitops4j.secrets.age.X25519Identity;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Any recipient that {@link Identities#parseRecipient} returns can be a SOPS key, and the identity
 * file that {@link Identities#readFile} reads opens what was encrypted to it.
 */
class SopsRecipientsTest {
  static final byte[] PLAIN = "password: CANARY-pq\nuser: app\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void parsedRecipientsOfBothKindsEncryptAndTheirIdentitiesDecrypt() throws Exception {
    HybridIdentity pq = HybridIdentity.generate();
    X25519Identity classic = X25519Identity.generate();
    byte[] file =
        Sops.encrypt(
            "s.yaml",
            PLAIN,
            SopsEncryptOptions.builder()
                .ageRecipient(Identities.parseRecipient(pq.recipient().toString()))
                .ageRecipient(Identities.parseRecipient(classic.recipient().toString()))
                .build());
    assertThat(new String(file, StandardCharsets.UTF_8))
        .contains("recipient: " + pq.recipient(), "recipient: " + classic.recipient());

    for (var identity : List.of(Identities.parse(pq.reveal()), classic)) {
      Option<Secret> password =
          Sops.decrypt("s.yaml", file, SopsKeys.age(List.of(identity))).get("/password");
      assertThat(password.map(Secret::reveal)).isEqualTo(Option.some("CANARY-pq"));
    }
  }

  @Test
  void aHybridRecipientServesInAKeyGroup() throws Exception {
    HybridIdentity pq = HybridIdentity.generate();
    X25519Identity classic = X25519Identity.generate();
    byte[] file =
        Sops.encrypt(
            "g.yaml",
            PLAIN,
            SopsEncryptOptions.builder()
                .keyGroup(List.of(pq.recipient()), List.empty())
                .keyGroup(List.of(classic.recipient()), List.empty())
                .build());
    SopsKeys both = SopsKeys.age(List.of(pq)).and(SopsKeys.age(List.of(classic)));
    assertThat(Sops.decrypt("g.yaml", file, both).get("/user").map(Secret::reveal))
        .isEqualTo(Option.some("app"));
    assertThat(Sops.decrypt("g.yaml", file, both).get("/nothing/here")).isEqualTo(Option.none());
  }

  @Test
  void aPassphraseRecipientIsRefusedWithTheReason() {
    assertThatThrownBy(
            () -> SopsEncryptOptions.builder().ageRecipient(new ScryptRecipient("pass", 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passphrase (scrypt) recipient cannot be a SOPS key");
    assertThatThrownBy(
            () ->
                SopsEncryptOptions.builder()
                    .keyGroup(List.of(new ScryptRecipient("pass", 10)), List.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noKeysIsEmptyAndShowsNoKeyMaterial() {
    X25519Identity me = X25519Identity.generate();
    assertThat(SopsKeys.none().isEmpty()).isTrue();
    SopsKeys keys = SopsKeys.none().and(SopsKeys.age(List.of(me)));
    assertThat(keys.isEmpty()).isFalse();
    assertThat(keys.ageIdentities()).containsExactly(me);
    assertThat(keys.toString()).doesNotContain(me.reveal()).contains("1 age identities");
  }
}
