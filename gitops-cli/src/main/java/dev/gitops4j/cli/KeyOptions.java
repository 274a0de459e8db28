package dev.gitops4j.cli;

import dev.gitops4j.secrets.age.Identities;
import dev.gitops4j.secrets.pgp.PgpException;
import dev.gitops4j.secrets.pgp.PgpSecretKeys;
import dev.gitops4j.secrets.sops.SopsKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The keys that open SOPS files: {@code --age-key}, {@code --pgp-key} and {@code
 * --pgp-passphrase-env}; without any, the file named by {@code SOPS_AGE_KEY_FILE}, as sops does.
 */
final class KeyOptions {
  @Option(
      names = "--age-key",
      paramLabel = "F",
      description =
          "age identity file (AGE-SECRET-KEY-1... or -PQ-1... lines); default $SOPS_AGE_KEY_FILE. May repeat.")
  List<Path> ageKeys = new ArrayList<>();

  @Option(
      names = "--pgp-key",
      paramLabel = "F",
      description = "Armored or binary OpenPGP secret key ring; may repeat.")
  List<Path> pgpKeys = new ArrayList<>();

  @Option(
      names = "--pgp-passphrase-env",
      paramLabel = "VAR",
      description = "Environment variable holding the OpenPGP key passphrase.")
  @Nullable String passphraseEnv;

  /** The keys given, or those of {@code SOPS_AGE_KEY_FILE}; empty when there are none. */
  SopsKeys keys() throws IOException, PgpException {
    List<Path> ages = new ArrayList<>(ageKeys);
    String envFile = System.getenv("SOPS_AGE_KEY_FILE");
    if (ages.isEmpty() && pgpKeys.isEmpty() && envFile != null) {
      ages.add(Path.of(envFile));
    }
    SopsKeys keys = SopsKeys.none();
    for (Path p : ages) {
      keys = keys.and(SopsKeys.age(Identities.readFile(p)));
    }
    String passphrase =
        passphraseEnv == null ? "" : System.getenv().getOrDefault(passphraseEnv, "");
    for (Path p : pgpKeys) {
      keys = keys.and(SopsKeys.pgp(PgpSecretKeys.read(Files.readAllBytes(p), passphrase)));
    }
    return keys;
  }
}
