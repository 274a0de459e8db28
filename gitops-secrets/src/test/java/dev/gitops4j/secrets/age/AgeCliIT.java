package dev.gitops4j.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the real {@code age} CLI: its files decrypt here and ours decrypt there. Skipped,
 * with a message, only when the binary is absent ({@code .ci/run} installs it).
 */
class AgeCliIT {
  @TempDir Path tmp;

  @BeforeAll
  static void needsAge() {
    assumeTrue(
        onPath("age"), "the age CLI is not installed (apt-get install age); skipping interop");
  }

  static boolean onPath(String tool) {
    for (String dir :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  byte[] run(byte[] stdin, String... cmd) throws IOException, InterruptedException {
    Path input = Files.createTempFile(tmp, "stdin", ".bin");
    Files.write(input, stdin);
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(input.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    return out;
  }

  @Test
  void filesFromTheAgeCliDecryptHere() throws Exception {
    Path key = tmp.resolve("key.txt");
    run(new byte[0], "age-keygen", "-o", key.toString());
    Seq<Identity> ids = Identities.readFile(key);
    byte[] data = new byte[200_000];
    new Random(1).nextBytes(data);
    for (boolean armor : new boolean[] {false, true}) {
      List<String> cmd =
          new ArrayList<>(
              List.of("age", "-e", "-r", ((X25519Identity) ids.get(0)).recipient().toString()));
      if (armor) {
        cmd.add("-a");
      }
      byte[] file = run(data, cmd.toArray(String[]::new));
      assertThat(Age.decrypt(file, ids)).isEqualTo(data);
    }
  }

  @Test
  void filesEncryptedHereDecryptWithTheAgeCli() throws Exception {
    X25519Identity me = X25519Identity.generate();
    Path key = tmp.resolve("key.txt");
    Files.writeString(key, "# test\n" + me.reveal() + "\n");
    byte[] data = new byte[150_000];
    new Random(2).nextBytes(data);
    for (boolean armor : new boolean[] {false, true}) {
      byte[] file = Age.encrypt(data, List.of(me.recipient()), armor);
      assertThat(run(file, "age", "-d", "-i", key.toString())).isEqualTo(data);
    }
  }
}
