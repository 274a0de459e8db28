package dev.gitops4j.cli;

import dev.gitops4j.secrets.age.Age;
import dev.gitops4j.secrets.age.AgeException;
import dev.gitops4j.secrets.age.Identities;
import dev.gitops4j.secrets.age.Identity;
import dev.gitops4j.secrets.age.Recipient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gitops4j age encrypt|decrypt}: age files from standard input to standard output. */
@Command(
    name = "age",
    mixinStandardHelpOptions = true,
    description = "Encrypt or decrypt age files (stdin to stdout), in pure Java.",
    subcommands = {AgeCommand.Encrypt.class, AgeCommand.Decrypt.class})
final class AgeCommand extends GroupCommand {
  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = "Encrypt stdin to age recipients.")
  static final class Encrypt implements Callable<Integer> {
    @ParentCommand AgeCommand parent;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-r", "--recipient"},
        required = true,
        paramLabel = "RECIPIENT",
        description = "An age1... or age1pq1... recipient; may repeat.")
    List<String> recipients = new ArrayList<>();

    @Option(
        names = {"-a", "--armor"},
        description = "Write ASCII armor.")
    boolean armor;

    @Override
    public Integer call() throws IOException {
      List<Recipient> to = new ArrayList<>();
      for (String r : recipients) {
        try {
          to.add(Identities.parseRecipient(r));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "-r " + r + ": " + e.getMessage());
        }
      }
      parent.main.stdout.write(Age.encrypt(parent.main.stdin.readAllBytes(), to, armor));
      parent.main.stdout.flush();
      return Main.OK;
    }
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = "Decrypt stdin with identities from a file.")
  static final class Decrypt implements Callable<Integer> {
    @ParentCommand AgeCommand parent;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-i", "--identity"},
        required = true,
        paramLabel = "IDENTITY_FILE",
        description = "A file of AGE-SECRET-KEY-1... lines; may repeat.")
    List<Path> identityFiles = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      List<Identity> ids = new ArrayList<>();
      for (Path f : identityFiles) {
        try {
          Identities.readFile(f).forEach(ids::add);
        } catch (IllegalArgumentException | IOException e) {
          spec.commandLine().getErr().println("gitops4j age: " + e.getMessage());
          return Main.PROBLEMS;
        }
      }
      try {
        parent.main.stdout.write(Age.decrypt(parent.main.stdin.readAllBytes(), ids));
        parent.main.stdout.flush();
        return Main.OK;
      } catch (AgeException e) {
        spec.commandLine()
            .getErr()
            .println(
                "gitops4j age: "
                    + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + ": "
                    + e.getMessage());
        return Main.PROBLEMS;
      }
    }
  }
}
