package dev.gitops4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published artifacts as a user's build sees them. The freshly built jars, sources and Javadoc
 * jars and POMs are laid out in a private local repository under {@code target/} (never the shared
 * {@code ~/.m2}), then {@code examples/consumer}, a separate Maven project that imports the BOM and
 * depends on core, secrets and testkit, is built against it: dependency convergence, upper bounds,
 * no duplicate classes, its tests on the testkit, and a module-path smoke test.
 */
class ConsumerProjectIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final Path REPO = TARGET.resolve("consumer-repo");
  static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  static String version;
  static List<String> publishedJars = new ArrayList<>();

  @BeforeAll
  static void readTheReactor() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    Matcher v = Pattern.compile("<version>([^<]+)</version>").matcher(parent);
    assertThat(v.find()).isTrue();
    version = v.group(1);
    Matcher m = MODULE.matcher(parent);
    while (m.find()) {
      String pom = Files.readString(ROOT.resolve(m.group(1)).resolve("pom.xml"));
      boolean jar = !pom.contains("<packaging>pom</packaging>");
      boolean deployed = !pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
      if (jar && deployed) {
        publishedJars.add(m.group(1));
      }
    }
  }

  @Test
  void theBomListsExactlyThePublishedArtifacts() throws IOException {
    String bom = Files.readString(ROOT.resolve("gitops4j-bom/pom.xml"));
    String managed =
        bom.substring(
            bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
    TreeSet<String> listed = new TreeSet<>();
    Matcher a = ARTIFACT.matcher(managed);
    while (a.find()) {
      listed.add(a.group(1));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(publishedJars);
    assertThat(publishedJars).contains("gitops-api", "gitops-core", "gitops-secrets");
    assertThat(publishedJars).doesNotContain("benchmarks", "examples");
  }

  @Test
  void everyExportedPackageSaysWhatItIsFor() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : publishedJars) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> walk = Files.walk(sources)) {
        for (Path dir : walk.filter(Files::isDirectory).toList()) {
          boolean internal = sources.relativize(dir).toString().contains("internal");
          boolean hasTypes;
          try (Stream<Path> files = Files.list(dir)) {
            hasTypes = files.anyMatch(f -> f.toString().endsWith(".java"));
          }
          if (hasTypes && !internal && !Files.exists(dir.resolve("package-info.java"))) {
            missing.add(ROOT.relativize(dir).toString());
          }
        }
      }
    }
    assertThat(missing).as("exported packages without a package-info.java").isEmpty();
  }

  @Test
  void javadocRunsDoclintAllOnEveryPublishedModule() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    assertThat(parent).contains("<javadoc.doclint>all</javadoc.doclint>");
    for (String module : publishedJars) {
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      assertThat(pom).as(module).doesNotContain("<javadoc.doclint>").doesNotContain("-missing");
    }
  }

  @Test
  void aUsersProjectBuildsAgainstThePublishedArtifacts() throws Exception {
    install("gitops4j-parent", ROOT.resolve("pom.xml"), List.of());
    install("gitops4j-bom", ROOT.resolve("gitops4j-bom/pom.xml"), List.of());
    for (String module : List.of("gitops-api", "gitops-core", "gitops-secrets", "gitops-testkit")) {
      Path built = ROOT.resolve(module).resolve("target");
      Path jar = built.resolve(module + "-" + version + ".jar");
      assertThat(automaticModuleName(jar)).as(module).startsWith("dev.gitops4j.");
      install(
          module,
          ROOT.resolve(module).resolve("pom.xml"),
          List.of(
              jar,
              built.resolve(module + "-" + version + "-sources.jar"),
              built.resolve(module + "-" + version + "-javadoc.jar")));
    }

    Path project = TARGET.resolve("consumer-project");
    deleteTree(project); // a previous build's jars would sit beside the new ones on the module path
    copyTree(ROOT.resolve("examples/consumer"), project);
    Path settings = TARGET.resolve("consumer-settings.xml");
    Files.writeString(settings, settings());
    Path log = TARGET.resolve("consumer-build.log");
    Process p =
        new ProcessBuilder(
                "mvn",
                "-B",
                "-ntp",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + REPO,
                "-Dgitops4j.version=" + version,
                "verify")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = p.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(finished).as("consumer build finished").isTrue();
    assertThat(p.exitValue()).as(tail(output)).isZero();
    assertThat(output)
        .contains("consumer: module path ok, 2 resources reconciled")
        .containsPattern("Tests run: [1-9][0-9]*, Failures: 0, Errors: 0")
        .contains("BUILD SUCCESS");
    try (Stream<Path> ours = Files.list(REPO.resolve("dev/gitops4j"))) {
      assertThat(ours.map(x -> x.getFileName().toString()))
          .as("only published artifacts were resolved")
          .doesNotContain("benchmarks", "examples");
    }
  }

  /** Lays out one artifact as {@code mvn install} would (POM, jar, sources, Javadoc). */
  static void install(String artifact, Path pom, List<Path> files) throws IOException {
    Path dir = REPO.resolve("dev/gitops4j").resolve(artifact).resolve(version);
    Files.createDirectories(dir);
    String base = artifact + "-" + version;
    Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    for (Path f : files) {
      assertThat(f).as("built artifact").exists();
      String suffix = f.getFileName().toString().substring(base.length());
      Files.copy(f, dir.resolve(base + suffix), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String automaticModuleName(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      String name = j.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
      return name == null ? "" : name;
    }
  }

  /** The shared ~/.m2 is read as a remote repository of third-party releases, never written. */
  static String settings() {
    Path shared = Path.of(System.getProperty("user.home"), ".m2", "repository");
    String repo =
        Files.isDirectory(shared)
            ? "<id>shared-m2</id><url>"
                + shared.toUri()
                + "</url><releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>"
            : null;
    String repos =
        repo == null
            ? ""
            : "<repositories><repository>"
                + repo
                + "</repository></repositories><pluginRepositories><pluginRepository>"
                + repo
                + "</pluginRepository></pluginRepositories>";
    return "<settings><profiles><profile><id>shared</id>"
        + repos
        + "</profile></profiles><activeProfiles><activeProfile>shared</activeProfile>"
        + "</activeProfiles></settings>\n";
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(f);
        if (rel.startsWith("target")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static String tail(String output) {
    List<String> lines = output.lines().toList();
    StringBuilder sb = new StringBuilder("consumer build failed; last lines:\n");
    for (String line : lines.subList(Math.max(0, lines.size() - 60), lines.size())) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }
}
