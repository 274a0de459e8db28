package dev.gitops4j.cli;

import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --target dir:DIR}, {@code --state S} and {@code --json}. */
final class TargetOptions {
  @Option(
      names = "--target",
      required = true,
      paramLabel = "dir:DIR",
      description =
          "Where to apply: dir:DIR keeps each resource as DIR/<kind>/<namespace|_cluster>/<name>.yaml.")
  String target;

  @Option(
      names = "--state",
      paramLabel = "S",
      description =
          "Directory for the inventory and journal (default: .gitops4j/<target name> beside the target).")
  @Nullable Path state;

  @Option(
      names = "--allow-empty",
      description =
          "Let a revision that declares no resource prune everything owned (default: refused as a problem).")
  boolean allowEmpty;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How long apply waits for another run holding the state, e.g. 0s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
  Duration lockTimeout = Duration.ofSeconds(30);

  @Option(names = "--json", description = "Print one JSON document on stdout; logs go to stderr.")
  boolean json;

  Path targetDir(CommandLine cmd) {
    if (!target.startsWith("dir:") || target.length() == 4) {
      throw new CommandLine.ParameterException(
          cmd, "--target must be dir:DIR (the only built-in target), not '" + target + "'");
    }
    return Path.of(target.substring(4)).toAbsolutePath().normalize();
  }

  /** The default state directory: {@code .gitops4j/<name>} in the target's parent. */
  static Path defaultState(Path targetDir) {
    Path parent = targetDir.getParent() == null ? targetDir : targetDir.getParent();
    return parent
        .resolve(".gitops4j")
        .resolve(targetDir.getFileName() == null ? "root" : targetDir.getFileName().toString());
  }

  GitOps.Builder configure(GitOps.Builder builder, CommandLine cmd) {
    return builder
        .target(DirectoryTarget.at(targetDir(cmd)))
        .stateStore(stateStore(cmd))
        .allowEmpty(allowEmpty)
        .lockTimeout(lockTimeout);
  }

  /** The state store for the target: {@code --state}, or the default beside the target. */
  FileStateStore stateStore(CommandLine cmd) {
    return FileStateStore.at(state != null ? state : defaultState(targetDir(cmd)));
  }
}
