package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gitops4j} command: a thin layer over the public API for CI jobs, hooks and the
 * quickstart. Exit codes: 0 success or in sync, 1 problems in the input, 2 changes planned or drift
 * found, 3 apply failed, 64 usage error, 70 unexpected internal error.
 */
@Command(
    name = "gitops4j",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Make a Git repository the single source of truth.",
    subcommands = {
      QuickstartCommand.class,
      ValidateCommand.class,
      RenderCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DriftCommand.class,
      WatchCommand.class,
      ServeCommand.class,
      HistoryCommand.class,
      SopsCommand.class,
      AgeCommand.class,
      FleetCommand.class
    })
public final class Main {
  /** Success, or in sync. */
  public static final int OK = 0;

  /** Problems in the input. */
  public static final int PROBLEMS = 1;

  /** Changes planned or drift found. */
  public static final int CHANGES = 2;

  /** An apply failed. */
  public static final int APPLY_FAILED = 3;

  /** The command line was wrong. */
  public static final int USAGE = 64;

  /** Something unexpected went wrong (a bug or an I/O failure). */
  public static final int INTERNAL = 70;

  /** Raw standard input, for commands that read bytes (age, sops). */
  final InputStream stdin;

  /** Raw standard output, for commands that write bytes. */
  final OutputStream stdout;

  Main(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  /**
   * Runs the command line on the standard streams and exits with its exit code. Logging is kept to
   * warnings unless {@code org.slf4j.simpleLogger.defaultLogLevel} is set.
   *
   * @param args the command line, such as {@code plan --repo . --target dir:out}
   */
  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(run(args, System.in, System.out, System.err));
  }

  /**
   * Runs the command line on byte streams and returns the exit code.
   *
   * @param args the command line, without the program name
   * @param in standard input, read by the commands that take bytes ({@code age}, {@code sops})
   * @param out standard output; text is written as UTF-8
   * @param err standard error, for messages and usage; UTF-8
   * @return the exit code: {@link #OK}, {@link #PROBLEMS}, {@link #CHANGES}, {@link #APPLY_FAILED},
   *     {@link #USAGE} or {@link #INTERNAL}
   */
  public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
    PrintWriter outText =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errText =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return run(args, in, out, outText, errText);
    } finally {
      outText.flush();
      errText.flush();
    }
  }

  /**
   * Runs the command line with text writers (no standard input) and returns the exit code.
   *
   * @param args the command line, without the program name
   * @param out receives the text output; bytes the {@code age} and {@code sops} commands would
   *     write to standard output are discarded
   * @param err receives messages and usage
   * @return the exit code, as {@link #run(String[], InputStream, OutputStream, OutputStream)}
   *     returns it
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, InputStream.nullInputStream(), OutputStream.nullOutputStream(), out, err);
  }

  private static int run(
      String[] args, InputStream in, OutputStream raw, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main(in, raw));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (e, args2) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println("gitops4j: " + e.getMessage());
          failed.usage(failed.getErr());
          return USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InputException input) {
            commandLine.getOut().println(input.problem());
            commandLine.getOut().flush();
            commandLine.getErr().println("1 problem");
            return PROBLEMS;
          }
          commandLine.getErr().println("gitops4j: error: " + Problem.escape(describe(e)));
          return e instanceof IllegalArgumentException ? USAGE : INTERNAL;
        });
    if (args.length == 0) {
      cmd.usage(err);
      return USAGE;
    }
    return cmd.execute(args);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e.getCause() != null && e.getCause().getMessage() != null
        ? message + ": " + e.getCause().getMessage()
        : message;
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"gitops4j " + (v == null ? "development build" : v)};
    }
  }
}
