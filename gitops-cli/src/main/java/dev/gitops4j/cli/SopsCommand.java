package dev.gitops4j.cli;

import dev.gitops4j.secrets.age.Identities;
import dev.gitops4j.secrets.pgp.PgpException;
import dev.gitops4j.secrets.pgp.PgpRecipient;
import dev.gitops4j.secrets.sops.Sops;
import dev.gitops4j.secrets.sops.SopsEncryptOptions;
import dev.gitops4j.secrets.sops.SopsException;
import dev.gitops4j.secrets.sops.SopsKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gitops4j sops decrypt|encrypt FILE}: SOPS files, printed to standard output. */
@Command(
    name = "sops",
    mixinStandardHelpOptions = true,
    description = "Decrypt or encrypt SOPS files (YAML, JSON, dotenv, INI, binary) in pure Java.",
    subcommands = {SopsCommand.Decrypt.class, SopsCommand.Encrypt.class})
final class SopsCommand extends GroupCommand {
  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = "Print the document without its sops metadata, as 'sops -d' does.")
  static final class Decrypt implements Callable<Integer> {
    @ParentCommand SopsCommand parent;
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin KeyOptions keyOptions = new KeyOptions();

    @Option(
        names = "--ignore-mac",
        description = "Decrypt even if the MAC is missing or wrong (unsafe).")
    boolean ignoreMac;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
      try {
        SopsKeys keys = keyOptions.keys();
        if (keys.isEmpty()) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "give --age-key F or --pgp-key F (or set SOPS_AGE_KEY_FILE)");
        }
        byte[] plain =
            Sops.decrypt(file.toString(), Files.readAllBytes(file), keys, ignoreMac).plaintext();
        parent.main.stdout.write(plain);
        parent.main.stdout.flush();
        return Main.OK;
      } catch (SopsException
          | PgpException
          | IllegalArgumentException
          | java.nio.file.NoSuchFileException e) {
        spec.commandLine().getErr().println("gitops4j sops: " + e.getMessage());
        return Main.PROBLEMS;
      }
    }
  }

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description =
          "Encrypt a plaintext file to age and/or OpenPGP recipients; print the SOPS file.")
  static final class Encrypt implements Callable<Integer> {
    @ParentCommand SopsCommand parent;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--age-recipient",
        paramLabel = "R",
        description = "age1... (X25519) or age1pq1... (post-quantum hybrid) recipient; may repeat.")
    List<String> ageRecipients = new ArrayList<>();

    @Option(
        names = "--pgp-key",
        paramLabel = "F",
        description = "Armored OpenPGP public (or secret) key to encrypt to; may repeat.")
    List<Path> pgpKeys = new ArrayList<>();

    @Option(
        names = "--encrypted-regex",
        paramLabel = "RE",
        description = "Encrypt only values under keys matching RE.")
    @Nullable String encryptedRegex;

    @Option(
        names = "--unencrypted-regex",
        paramLabel = "RE",
        description = "Leave values under keys matching RE in clear.")
    @Nullable String unencryptedRegex;

    @Option(
        names = "--encrypted-suffix",
        paramLabel = "S",
        description = "Encrypt only values under keys ending with S.")
    @Nullable String encryptedSuffix;

    @Option(
        names = "--unencrypted-suffix",
        paramLabel = "S",
        description = "Leave values under keys ending with S in clear (default _unencrypted).")
    @Nullable String unencryptedSuffix;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
      try {
        SopsEncryptOptions.Builder b = SopsEncryptOptions.builder();
        for (String r : ageRecipients) {
          b.ageRecipient(Identities.parseRecipient(r));
        }
        for (Path p : pgpKeys) {
          b.pgpRecipient(PgpRecipient.read(Files.readAllBytes(p)));
        }
        if (encryptedRegex != null) {
          b.encryptedRegex(encryptedRegex);
        }
        if (unencryptedRegex != null) {
          b.unencryptedRegex(unencryptedRegex);
        }
        if (encryptedSuffix != null) {
          b.encryptedSuffix(encryptedSuffix);
        }
        if (unencryptedSuffix != null) {
          b.unencryptedSuffix(unencryptedSuffix);
        }
        byte[] out = Sops.encrypt(file.toString(), Files.readAllBytes(file), b.build());
        parent.main.stdout.write(out);
        parent.main.stdout.flush();
        return Main.OK;
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      } catch (SopsException | PgpException | java.nio.file.NoSuchFileException e) {
        spec.commandLine().getErr().println("gitops4j sops: " + e.getMessage());
        return Main.PROBLEMS;
      }
    }
  }
}
