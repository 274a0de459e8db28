package dev.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verify-signatures} and {@code --trusted-keys} with keys and commits made by gpg. */
class SignaturesCommandIT {
  @TempDir Path tmp;

  @AfterEach
  void stopAgent() throws Exception {
    run(tmp, "gpgconf", "--kill", "gpg-agent");
  }

  private String run(Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GNUPGHOME", tmp.resolve("gnupg").toString());
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }

  private String git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com"));
    cmd.addAll(List.of(args));
    return run(dir, cmd.toArray(String[]::new));
  }

  private String newKey(String uid, Path export) throws Exception {
    run(
        tmp,
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
    String fpr =
        run(tmp, "gpg", "--batch", "--with-colons", "--list-keys", uid)
            .lines()
            .filter(l -> l.startsWith("fpr:"))
            .findFirst()
            .map(l -> l.split(":", -1)[9])
            .orElseThrow();
    Files.writeString(export, run(tmp, "gpg", "--batch", "--armor", "--export", fpr));
    return fpr;
  }

  @Test
  void signedCommitPassesAndOthersExitOneNamingTheCommit() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    String key = newKey("Trusted <t@example.com>", tmp.resolve("trusted.asc"));
    newKey("Other <o@example.com>", tmp.resolve("other.asc"));
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    Files.writeString(
        repo.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    git(repo, "add", ".");
    git(repo, "-c", "user.signingkey=" + key, "commit", "-q", "-S", "-m", "signed");
    git(repo, "-c", "user.signingkey=" + key, "tag", "-s", "v1", "-m", "v1");

    CliRun ok =
        CliRun.of(
            "validate",
            "--repo",
            repo.toString(),
            "--verify-signatures",
            "head",
            "--trusted-keys",
            tmp.resolve("trusted.asc").toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    CliRun tag =
        CliRun.of(
            "validate",
            "--repo",
            repo.toString(),
            "--ref",
            "v1",
            "--verify-signatures",
            "both",
            "--trusted-keys",
            tmp.resolve("trusted.asc").toString());
    assertThat(tag.code()).as(tag.out() + tag.err()).isZero();

    String signed = git(repo, "rev-parse", "--short=7", "HEAD").trim();
    CliRun other =
        CliRun.of(
            "validate",
            "--repo",
            repo.toString(),
            "--verify-signatures",
            "head",
            "--trusted-keys",
            tmp.resolve("other.asc").toString());
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.out())
        .contains("untrusted-revision")
        .contains(signed)
        .contains("not among the trusted keys");

    Files.writeString(
        repo.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", "unsigned");
    String unsigned = git(repo, "rev-parse", "--short=7", "HEAD").trim();
    Path target = tmp.resolve("target");
    CliRun apply =
        CliRun.of(
            "apply",
            "--repo",
            repo.toString(),
            "--target",
            "dir:" + target,
            "--verify-signatures",
            "head",
            "--trusted-keys",
            tmp.resolve("trusted.asc").toString());
    assertThat(apply.code()).isEqualTo(1);
    assertThat(apply.out()).contains(unsigned).contains("not signed");
    assertThat(target).doesNotExist();

    CliRun half = CliRun.of("validate", "--repo", repo.toString(), "--verify-signatures", "head");
    assertThat(half.code()).isEqualTo(64);
    CliRun badMode =
        CliRun.of(
            "validate",
            "--repo",
            repo.toString(),
            "--verify-signatures",
            "all",
            "--trusted-keys",
            tmp.resolve("trusted.asc").toString());
    assertThat(badMode.code()).isEqualTo(64);
    assertThat(badMode.err()).contains("head, tag or both");
  }
}
