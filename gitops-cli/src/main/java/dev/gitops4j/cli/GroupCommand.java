package dev.gitops4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code sops}, {@code age}): alone, it is a usage error.
 */
abstract class GroupCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() {
    self.commandLine().getErr().println("gitops4j: say encrypt or decrypt");
    self.commandLine().usage(self.commandLine().getErr());
    return Main.USAGE;
  }
}
