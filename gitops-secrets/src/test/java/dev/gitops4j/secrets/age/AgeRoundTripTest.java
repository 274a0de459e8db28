package dev.gitops4j.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgeRoundTripTest {
  @Test
  void x25519AcrossChunkBoundariesArmoredAndNot() throws Exception {
    X25519Identity me = X25519Identity.generate();
    X25519Identity other = X25519Identity.generate();
    for (int size : new int[] {0, 1, Age.CHUNK - 1, Age.CHUNK, Age.CHUNK + 1, 3 * Age.CHUNK}) {
      byte[] data = new byte[size];
      new Random(size).nextBytes(data);
      for (boolean armor : new boolean[] {true, false}) {
        byte[] file = Age.encrypt(data, List.of(other.recipient(), me.recipient()), armor);
        assertThat(Age.decrypt(file, List.of(me)))
            .as("size %d armor %s", size, armor)
            .isEqualTo(data);
      }
    }
  }

  @Test
  void keysRoundTripThroughTheirText() {
    X25519Identity me = X25519Identity.generate();
    assertThat(X25519Identity.parse(me.reveal()).recipient()).isEqualTo(me.recipient());
    assertThat(X25519Recipient.parse(me.recipient().toString())).isEqualTo(me.recipient());
    assertThat(me.toString()).doesNotContain(me.reveal()).contains(me.recipient().toString());
    assertThatThrownBy(() -> X25519Identity.parse("AGE-SECRET-KEY-PQ-1ABC"))
        .hasMessageContaining("HybridIdentity");
    assertThatThrownBy(() -> X25519Recipient.parse("age1notavalidkey"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void postQuantumHybridRoundTrips() throws Exception {
    HybridIdentity pq = HybridIdentity.generate();
    X25519Identity classic = X25519Identity.generate();
    byte[] data = new byte[Age.CHUNK + 7];
    new Random(3).nextBytes(data);
    byte[] file = Age.encrypt(data, List.of(pq.recipient(), classic.recipient()), true);
    assertThat(Age.decrypt(file, List.of(pq))).isEqualTo(data);
    assertThat(Age.decrypt(file, List.of(classic))).isEqualTo(data);
    assertThat(Identities.parse(pq.reveal()).getClass()).isEqualTo(HybridIdentity.class);
    assertThat(Identities.parseRecipient(pq.recipient().toString()).toString())
        .isEqualTo(pq.recipient().toString());
    assertThat(pq.toString()).doesNotContain(pq.reveal());
  }

  @Test
  void scryptPassphrases() throws Exception {
    byte[] data = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] file = Age.encrypt(data, List.of(new ScryptRecipient("correct horse", 10)), true);
    assertThat(Age.decrypt(file, List.of(new ScryptIdentity("correct horse")))).isEqualTo(data);
    assertThatThrownBy(() -> Age.decrypt(file, List.of(new ScryptIdentity("wrong"))))
        .isInstanceOf(AgeException.class)
        .satisfies(
            e -> assertThat(((AgeException) e).kind()).isEqualTo(AgeException.Kind.NO_MATCH));
  }

  @Test
  void aWrongKeyIsNoMatch() throws Exception {
    byte[] file = Age.encrypt(new byte[10], List.of(X25519Identity.generate().recipient()), false);
    assertThatThrownBy(() -> Age.decrypt(file, List.of(X25519Identity.generate())))
        .satisfies(
            e -> assertThat(((AgeException) e).kind()).isEqualTo(AgeException.Kind.NO_MATCH));
  }
}
