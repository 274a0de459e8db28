package dev.gitops4j.secrets.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.secrets.sops.SopsSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * gitops-secrets stands on gitops-api alone: no compiled class of the module names a type of
 * gitops-core (core and secrets meet only through the SPIs in the API), and its POM declares no
 * compile dependency on core.
 */
class ModuleBoundaryTest {
  @Test
  void noClassOfTheModuleReferencesCore() throws Exception {
    Path classes =
        Path.of(SopsSecrets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classes.resolve("dev/gitops4j/secrets/sops/SopsSecrets.class")).exists();
    List<Path> offending;
    try (Stream<Path> files = Files.walk(classes)) {
      offending =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .filter(ModuleBoundaryTest::mentionsCore)
              .toList();
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void thePomHasNoCompileDependencyOnCore() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    int core = pom.indexOf("<artifactId>gitops-core</artifactId>");
    assertThat(core).as("core is a test dependency only").isPositive();
    String rest = pom.substring(core, pom.indexOf("</dependency>", core));
    assertThat(rest).contains("<scope>test</scope>");
  }

  private static boolean mentionsCore(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
          .contains("dev/gitops4j/core/");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
