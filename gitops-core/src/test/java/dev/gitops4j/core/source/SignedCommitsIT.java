package dev.gitops4j.core.source;

import static dev.gitops4j.core.GitFixture.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.SignatureVerification.Mode;
import dev.gitops4j.core.target.DirectoryTarget;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits and tags signed by the real gpg and ssh-keygen, checked against trusted keys. */
class SignedCommitsIT {
  @TempDir static Path tmp;
  static Path repo;
  static Path trusted;
  static Path other;
  static Path allowedSigners;
  static Path otherSigners;
  static String signed;
  static String unsigned;
  static String sshSigned;

  @BeforeAll
  static void signedHistory() throws Exception {
    GpgHome gpg = GpgHome.create(tmp.resolve("gnupg"));
    String key = gpg.newKey("Trusted <trusted@example.com>");
    String otherKey = gpg.newKey("Other <other@example.com>");
    trusted = gpg.export(key, tmp.resolve("trusted.asc"));
    other = gpg.export(otherKey, tmp.resolve("other.asc"));
    repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    gpg.git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("a.yaml"), manifest("ConfigMap", "prod", "a", ""));
    gpg.git(repo, "add", ".");
    gpg.git(repo, "-c", "user.signingkey=" + key, "commit", "-q", "-S", "-m", "signed");
    signed = gpg.git(repo, "rev-parse", "HEAD").trim();
    gpg.git(repo, "-c", "user.signingkey=" + key, "tag", "-s", "v1", "-m", "v1");
    gpg.git(repo, "-c", "user.signingkey=" + otherKey, "tag", "-s", "v1-other", "-m", "other");
    gpg.git(repo, "tag", "-a", "v1-unsigned", "-m", "unsigned");
    gpg.git(repo, "branch", "signed");
    Files.writeString(repo.resolve("b.yaml"), manifest("ConfigMap", "prod", "b", ""));
    gpg.git(repo, "add", ".");
    gpg.git(repo, "commit", "-q", "--no-gpg-sign", "-m", "unsigned");
    unsigned = gpg.git(repo, "rev-parse", "HEAD").trim();
    gpg.git(repo, "branch", "unsigned");

    Path sshKey = tmp.resolve("id_ed25519");
    Path otherSsh = tmp.resolve("other_ed25519");
    for (Path k : List.of(sshKey, otherSsh)) {
      gpg.run(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "t", "-f", k.toString());
    }
    allowedSigners =
        Files.writeString(
            tmp.resolve("allowed_signers"),
            "dev@example.com " + Files.readString(Path.of(sshKey + ".pub")));
    otherSigners =
        Files.writeString(
            tmp.resolve("other_signers"),
            "dev@example.com " + Files.readString(Path.of(otherSsh + ".pub")));
    Files.writeString(repo.resolve("c.yaml"), manifest("ConfigMap", "prod", "c", ""));
    gpg.git(repo, "add", ".");
    gpg.git(
        repo,
        "-c",
        "gpg.format=ssh",
        "-c",
        "user.signingkey=" + sshKey + ".pub",
        "commit",
        "-q",
        "-S",
        "-m",
        "ssh signed");
    sshSigned = gpg.git(repo, "rev-parse", "HEAD").trim();
  }

  @org.junit.jupiter.api.AfterAll
  static void stopAgent() throws Exception {
    new GpgHome(tmp.resolve("gnupg")).run(tmp, "gpgconf", "--kill", "gpg-agent");
  }

  private static Either<Problem, Revision> resolve(String ref, Mode mode, Path keys) {
    try (GitRepository r =
        GitRepository.local(repo)
            .ref(ref)
            .verifySignatures(SignatureVerification.trustedKeys(mode, keys))) {
      return r.resolve().flatMap(r::checkout).map(Snapshot::revision);
    }
  }

  @Test
  void signedCommitByTrustedKeyIsAccepted() {
    assertThat(resolve("signed", Mode.HEAD, trusted).get().commit()).isEqualTo(signed);
  }

  @Test
  void unsignedCommitIsRefusedNamingTheCommit() {
    Problem p = resolve("unsigned", Mode.HEAD, trusted).getLeft();
    assertThat(p.rule()).isEqualTo("untrusted-revision");
    assertThat(p.message()).contains(unsigned.substring(0, 7)).contains("not signed");
  }

  @Test
  void commitSignedByAnotherKeyIsRefused() {
    Problem p = resolve("signed", Mode.HEAD, other).getLeft();
    assertThat(p.rule()).isEqualTo("untrusted-revision");
    assertThat(p.message()).contains(signed.substring(0, 7)).contains("not among the trusted keys");
  }

  @Test
  void tagsMustBeSignedTagsByTrustedKeys() {
    assertThat(resolve("v1", Mode.TAG, trusted).get().commit()).isEqualTo(signed);
    assertThat(resolve("v1", Mode.BOTH, trusted).get().commit()).isEqualTo(signed);
    assertThat(resolve("v1-unsigned", Mode.TAG, trusted).getLeft().message())
        .contains("tag v1-unsigned")
        .contains("not signed");
    assertThat(resolve("v1-other", Mode.TAG, trusted).getLeft().message())
        .contains("not among the trusted keys");
    assertThat(resolve("signed", Mode.TAG, trusted).getLeft().message())
        .contains("not an annotated tag");
    assertThat(resolve("v1", Mode.TAG, other).isLeft()).isTrue();
  }

  @Test
  void sshSignaturesAreCheckedAgainstAllowedSigners() {
    assertThat(resolve("main", Mode.HEAD, allowedSigners).get().commit()).isEqualTo(sshSigned);
    Problem p = resolve("main", Mode.HEAD, otherSigners).getLeft();
    assertThat(p.rule()).isEqualTo("untrusted-revision");
    assertThat(p.message()).contains(sshSigned.substring(0, 7));
    assertThat(resolve("main", Mode.HEAD, trusted).getLeft().message()).contains("SSH key");
    assertThat(resolve("signed", Mode.HEAD, allowedSigners).getLeft().message())
        .contains("OpenPGP");
  }

  @Test
  void refusedRevisionIsAValidationFailedEventAndNothingIsApplied() {
    java.util.List<GitOpsEvent> events = new java.util.ArrayList<>();
    Path target = tmp.resolve("target");
    try (GitOps gitops =
        GitOps.builder()
            .repository(
                GitRepository.local(repo)
                    .ref("unsigned")
                    .verifySignatures(SignatureVerification.trustedKeys(Mode.HEAD, trusted)))
            .target(DirectoryTarget.at(target))
            .listener(events::add)
            .build()) {
      var result = gitops.reconcile();
      assertThat(result.isInvalid()).isTrue();
      assertThat(result.getError().head().rule()).isEqualTo("untrusted-revision");
    }
    assertThat(events).hasSize(1);
    GitOpsEvent.ValidationFailed failed = (GitOpsEvent.ValidationFailed) events.get(0);
    assertThat(failed.revision().commit()).isEqualTo(unsigned);
    assertThat(failed.problems().head().message()).contains("not signed");
    assertThat(target).doesNotExist();
  }

  /** A temporary GNUPGHOME and the commands run with it. */
  record GpgHome(Path home) {
    static GpgHome create(Path home) throws IOException {
      Files.createDirectories(home);
      Files.setPosixFilePermissions(
          home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      return new GpgHome(home);
    }

    String newKey(String uid) throws Exception {
      run(
          home,
          "gpg",
          "--batch",
          "--pinentry-mode",
          "loopback",
          "--passphrase",
          "",
          "--quick-gen-key",
          uid,
          "ed25519",
          "sign",
          "never");
      String colons = run(home, "gpg", "--batch", "--with-colons", "--list-keys", uid);
      return colons
          .lines()
          .filter(l -> l.startsWith("fpr:"))
          .findFirst()
          .map(l -> l.split(":", -1)[9])
          .orElseThrow();
    }

    Path export(String key, Path file) throws Exception {
      Files.writeString(file, run(home, "gpg", "--batch", "--armor", "--export", key));
      return file;
    }

    String git(Path dir, String... args) throws Exception {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "git",
                  "-c",
                  "user.name=Dev",
                  "-c",
                  "user.email=dev@example.com",
                  "-c",
                  "commit.gpgsign=false",
                  "-c",
                  "tag.gpgsign=false"));
      cmd.addAll(List.of(args));
      return run(dir, cmd.toArray(String[]::new));
    }

    String run(Path dir, String... cmd) throws Exception {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("GNUPGHOME", home.toString());
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("GIT_CONFIG_GLOBAL", "/dev/null");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
      }
      return out;
    }
  }
}
