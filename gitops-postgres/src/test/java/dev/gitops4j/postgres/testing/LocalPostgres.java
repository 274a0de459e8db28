package dev.gitops4j.postgres.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, throwaway PostgreSQL server for tests: {@code initdb} and {@code pg_ctl} from the
 * machine's PostgreSQL (found through {@code $GITOPS4J_PG_BIN}, {@code pg_config}, {@code
 * /usr/lib/postgresql/<version>/bin} or the PATH), listening on 127.0.0.1 on a free port, run as
 * the {@code postgres} user when the tests run as root. One server per JVM, stopped at exit; each
 * caller gets a database of its own. Tests skip with a message when no server can start.
 */
public final class LocalPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static @Nullable LocalPostgres shared;
  private static @Nullable String failure;
  private final Path dir;
  private final Path bin;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgres(Path dir, Path bin, int port, boolean asPostgresUser) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The JVM's server, started on first use; skips the calling test if none can start. */
  public static synchronized LocalPostgres get() {
    if (shared == null && failure == null) {
      try {
        shared = start();
        LocalPostgres s = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted while starting PostgreSQL";
      }
    }
    Assumptions.assumeTrue(shared != null, () -> "no PostgreSQL server could start: " + failure);
    return java.util.Objects.requireNonNull(shared);
  }

  /** A new empty database; its JDBC URL (user {@code gitops}, no password). */
  public String newDatabase() {
    String name =
        "gitops4j_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("creating database " + name, e);
    }
    return url(name);
  }

  /** The port the server listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=gitops";
  }

  private static LocalPostgres start() throws IOException, InterruptedException {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("gitops4j-pg");
    Path data = dir.resolve("data");
    if (root) {
      run(List.of("chown", "postgres", dir.toString()), false, dir);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres pg = new LocalPostgres(dir, bin, port, root);
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "gitops",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync"),
        root,
        dir);
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c max_connections=200",
            "start"),
        root,
        dir);
    return pg;
  }

  /** Stops the server and deletes its files. */
  public void stop() {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "-w",
              "stop"),
          asPostgresUser,
          dir);
    } catch (IOException | RuntimeException e) {
      // best effort at exit
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }

  private static Path findBin() throws IOException, InterruptedException {
    String env = System.getenv("GITOPS4J_PG_BIN");
    if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
      return Path.of(env);
    }
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        Path best =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparing(v -> versionOf(v.getFileName().toString())))
                .orElse(null);
        if (best != null) {
          return best.resolve("bin");
        }
      }
    }
    for (String p :
        java.util.regex.Pattern.compile(":")
            .splitAsStream(System.getenv().getOrDefault("PATH", ""))
            .toList()) {
      if (!p.isEmpty() && Files.isExecutable(Path.of(p, "initdb"))) {
        Path real = Path.of(p, "initdb").toRealPath().getParent();
        if (real != null) {
          return real;
        }
      }
    }
    throw new IllegalStateException(
        "initdb not found (install PostgreSQL, or set GITOPS4J_PG_BIN to its bin directory)");
  }

  private static int versionOf(String name) {
    try {
      int dot = name.indexOf('.');
      return Integer.parseInt(dot < 0 ? name : name.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void run(List<String> command, boolean asPostgres, Path dir)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path log = Files.createTempFile(dir, "cmd", ".log");
    Process p =
        new ProcessBuilder(full)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command).toLowerCase(Locale.ROOT).contains("pg_ctl")
              ? "pg_ctl failed: " + Files.readString(log, StandardCharsets.UTF_8).strip()
              : String.join(" ", command)
                  + " failed: "
                  + Files.readString(log, StandardCharsets.UTF_8).strip());
    }
  }
}
