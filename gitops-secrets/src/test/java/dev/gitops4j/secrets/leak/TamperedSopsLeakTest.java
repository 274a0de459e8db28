package dev.gitops4j.secrets.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.secrets.age.X25519Identity;
import dev.gitops4j.secrets.sops.Sops;
import dev.gitops4j.secrets.sops.SopsEncryptOptions;
import dev.gitops4j.secrets.sops.SopsException;
import dev.gitops4j.secrets.sops.SopsKeys;
import dev.gitops4j.secrets.sops.SopsSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A SOPS value whose {@code type:} tag was changed (the tag is not covered by the MAC) is decrypted
 * in every store format, from every value type to every other: whatever happens, no exception
 * message (causes included), problem or log line (TRACE) holds the decrypted value. Through {@link
 * Sops#decrypt}, and through a reconcile's {@code ${secret:sops:...}} reference and encrypted
 * manifest. Runs in the DEBUG/TRACE surefire execution of the leak tests.
 */
class TamperedSopsLeakTest {
  static final String STR = "CANARY-str-5d1e07";
  static final String INT = "7314159265358";
  static final String FLOAT = "2.718281828459";
  static final List<String> CANARIES = List.of(STR, INT, FLOAT);
  static final List<String> TYPES = List.of("str", "int", "float", "bool", "bytes", "");
  static final Pattern TYPE = Pattern.compile("(ENC\\[AES256_GCM,[^\\]]*?,type:)([a-z]*)(\\])");

  @TempDir Path tmp;
  final X25519Identity key = X25519Identity.generate();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  final List<String> seen = new ArrayList<>();
  PrintStream originalErr;

  @BeforeEach
  void captureLogs() {
    originalErr = System.err;
    // Captured, not echoed: the log lines are evidence for the assertions, not console output.
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    assertThat(LoggerFactory.getLogger(TamperedSopsLeakTest.class).isTraceEnabled()).isTrue();
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  /** The plaintext of a one-value file in a store format. */
  static String plaintext(String format, String value, boolean quotedNumber) {
    boolean quoted = quotedNumber || value.equals(STR);
    return switch (format) {
      case "yaml" -> "secret: " + (quoted ? "'" + value + "'" : value) + "\n";
      case "json" -> "{\"secret\": " + (quoted ? "\"" + value + "\"" : value) + "}";
      case "env" -> "secret=" + value + "\n";
      default -> "[section]\nsecret = " + value + "\n";
    };
  }

  static String retype(String file, String type) {
    Matcher m = TYPE.matcher(file);
    assertThat(m.find()).as(file).isTrue();
    return file.substring(0, m.start(2)) + type + file.substring(m.end(2));
  }

  byte[] encrypt(String name, String plain) throws Exception {
    return Sops.encrypt(
        name,
        plain.getBytes(StandardCharsets.UTF_8),
        SopsEncryptOptions.builder().ageRecipient(key.recipient()).build());
  }

  void record(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      seen.add(String.valueOf(t.getMessage()));
      seen.add(t.toString());
    }
  }

  @Test
  void everyFormatFromEveryTypeToEveryOther() throws Exception {
    int cases = 0;
    int refused = 0;
    for (String format : List.of("yaml", "json", "env", "ini")) {
      for (String canary : CANARIES) {
        for (boolean quoted : List.of(true, false)) {
          String name = "s." + format;
          String file =
              new String(encrypt(name, plaintext(format, canary, quoted)), StandardCharsets.UTF_8);
          for (String type : TYPES) {
            cases++;
            try {
              var doc =
                  Sops.decrypt(
                      name,
                      retype(file, type).getBytes(StandardCharsets.UTF_8),
                      SopsKeys.age(List.of(key)));
              seen.add(doc.toString());
            } catch (SopsException | RuntimeException e) {
              refused++;
              assertThat(e)
                  .as(format + " " + canary + " as " + type)
                  .isInstanceOf(SopsException.class);
              assertThat(e.getMessage()).startsWith(name + ": ");
              record(e);
            }
          }
        }
      }
    }
    assertThat(cases).isEqualTo(4 * 3 * 2 * TYPES.size());
    assertThat(refused).isPositive();
    System.out.printf("tampered SOPS leak cases: %d, refused: %d%n", cases, refused);
    assertNoCanary();
  }

  @Test
  void throughAReconcileAndASecretReference() throws Exception {
    Path repo = tmp.resolve("repo");
    Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
    String values =
        new String(
            encrypt("values.yaml", "token: " + FLOAT + "\nname: '" + STR + "'\n"),
            StandardCharsets.UTF_8);
    Files.createDirectories(repo.resolve(".secrets"));
    Files.writeString(repo.resolve(".secrets/values.yaml"), retype(values, "int"));
    String secret =
        "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\nstringData:\n    password: '"
            + STR
            + "'\n";
    String encrypted =
        new String(
            Sops.encrypt(
                "secret.yaml",
                secret.getBytes(StandardCharsets.UTF_8),
                SopsEncryptOptions.builder()
                    .ageRecipient(key.recipient())
                    .encryptedRegex("^stringData$")
                    .build()),
            StandardCharsets.UTF_8);
    Files.writeString(repo.resolve("secret.yaml"), retype(encrypted, "float"));
    Files.writeString(
        repo.resolve("app.yaml"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
        data:
          token: ${secret:sops:.secrets/values.yaml#/token}
        """);
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("c")
          .setSign(false)
          .setAuthor("t", "t@e")
          .setCommitter("t", "t@e")
          .call();
    }
    try (GitOps g =
        GitOps.builder()
            .repository(GitRepository.local(repo))
            .secrets(SopsSecrets.of(SopsKeys.age(List.of(key))))
            .build()) {
      var result = g.validate();
      assertThat(result.isInvalid()).isTrue();
      result.getError().map(Problem::toString).forEach(seen::add);
      assertThat(result.getError().map(Problem::rule)).contains("secret-decrypt");
      assertThat(result.getError().map(Problem::rule)).contains("secret-unresolved");
    }
    assertNoCanary();
  }

  void assertNoCanary() {
    seen.add(logs.toString(StandardCharsets.UTF_8));
    for (String text : seen) {
      for (String canary : CANARIES) {
        assertThat(text).doesNotContain(canary);
      }
    }
  }
}
