package dev.gitops4j.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adapter messages are scrubbed of secret values, keep their cause; fingerprints are keyed. */
class SecretHygieneTest {
  static final String CANARY = "CANARY-adapter-31c7";
  static final String OLD_CANARY = "CANARY-old-value-88d0";
  @TempDir Path tmp;
  final MapTarget target = new MapTarget();
  final ResourceId id = ResourceId.of("Secret", "prod", "db");

  DesiredState state(String commit, Node password) {
    Revision rev = new Revision(commit.repeat(40).substring(0, 40), "main", Instant.EPOCH, commit);
    Node.Obj body =
        Node.obj(
            "apiVersion", Node.str("v1"),
            "kind", Node.str("Secret"),
            "metadata", Node.obj("name", Node.str("db"), "namespace", Node.str("prod")),
            "stringData", Node.obj("password", password));
    return DesiredState.of(rev, List.of(Resource.of(id, body)));
  }

  @Test
  void preconditionsAreKeyedByTheStateStoreAndRevealNothing() throws Exception {
    target.byHand(id, state("x", Node.str(CANARY)).get(id).get().body());
    FileStateStore one = FileStateStore.at(tmp.resolve("one"));
    Plan a =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(one)
            .build()
            .plan(state("b", Node.str("new")));
    Plan again =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(FileStateStore.at(tmp.resolve("one")))
            .build()
            .plan(state("b", Node.str("new")));
    Plan other =
        DefaultReconciler.builder()
            .target(target)
            .stateStore(FileStateStore.at(tmp.resolve("two")))
            .build()
            .plan(state("b", Node.str("new")));
    Change change = a.effectiveChanges().head();
    String fingerprint = change.expected().fingerprint().get();
    String unkeyed =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        Documents.toCanonicalJson(target.docs.get(id).get())
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(fingerprint).isNotEqualTo(unkeyed).hasSize(64);
    assertThat(again.effectiveChanges().head().expected()).isEqualTo(change.expected());
    assertThat(other.effectiveChanges().head().expected()).isNotEqualTo(change.expected());
    assertThat(Files.readString(tmp.resolve("one/fingerprint.key"))).doesNotContain(fingerprint);
  }
}
