package dev.gitops4j.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders swapped for symbolic links while a DirectoryTarget writes never let it escape. */
class DirectoryTargetRaceTest {
  @TempDir Path tmp;

  static Node.Obj doc(String name) {
    return Node.obj("kind", Node.str("ConfigMap"), "metadata", Node.obj("name", Node.str(name)));
  }

  @Test
  void aRacerSwappingFoldersForLinksNeverGetsAFileOutsideTheRoot() throws Exception {
    Path root = tmp.resolve("root");
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    DirectoryTarget target = DirectoryTarget.at(root);
    target.put(ResourceId.of("ConfigMap", "ns0", "seed"), doc("seed"));
    target.put(ResourceId.of("ConfigMap", "ns1", "seed"), doc("seed"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread racer =
        new Thread(
            () -> {
              int i = 0;
              while (!stop.get()) {
                Path victim =
                    i % 3 == 2 ? root.resolve("ConfigMap") : root.resolve("ConfigMap/ns" + (i % 2));
                Path aside = victim.resolveSibling(".aside-" + victim.getFileName());
                try {
                  Files.move(victim, aside);
                  Files.createSymbolicLink(victim, outside);
                  swaps.incrementAndGet();
                  java.util.concurrent.locks.LockSupport.parkNanos(300_000);
                  Files.delete(victim);
                  Files.move(aside, victim);
                  java.util.concurrent.locks.LockSupport.parkNanos(300_000);
                } catch (Exception e) {
                  // the writer may be making the folder right now: try again
                }
                i++;
              }
            });
    racer.start();
    int failed = 0;
    try {
      for (int i = 0; i < 1500; i++) {
        try {
          target.put(ResourceId.of("ConfigMap", "ns" + (i % 2), "r" + i), doc("r" + i));
        } catch (TargetException e) {
          failed++;
        }
      }
    } finally {
      stop.set(true);
      racer.join();
    }
    try (Stream<Path> escaped = Files.walk(outside)) {
      assertThat(escaped.filter(p -> !p.equals(outside)).toList()).isEmpty();
    }
    assertThat(swaps.get()).isPositive();
    System.out.printf(
        "symlink race: %d swaps, %d writes refused, none escaped%n", swaps.get(), failed);
  }

  @Test
  void recoverRemovesTempFilesAndHalfMadeFolders() throws Exception {
    Path root = tmp.resolve("root");
    DirectoryTarget target = DirectoryTarget.at(root);
    target.put(ResourceId.of("ConfigMap", "ns", "a"), doc("a"));
    Files.writeString(root.resolve("ConfigMap/ns/.a.yaml.0123.tmp"), "half");
    Files.writeString(root.resolve("ConfigMap/ns/.b.yaml4567.tmp"), "half");
    Files.createDirectories(root.resolve(".mkdir-89ab"));
    Files.writeString(root.resolve("ConfigMap/ns/.keep"), "not ours");
    target.recover();
    assertThat(root.resolve("ConfigMap/ns/.a.yaml.0123.tmp")).doesNotExist();
    assertThat(root.resolve("ConfigMap/ns/.b.yaml4567.tmp")).doesNotExist();
    assertThat(root.resolve(".mkdir-89ab")).doesNotExist();
    assertThat(root.resolve("ConfigMap/ns/.keep")).exists();
    assertThat(root.resolve("ConfigMap/ns/a.yaml")).exists();
  }

  @Test
  void aForeignFileThatIsNotUtf8ReadsAsEmptyAndBreaksNothing() throws Exception {
    Path root = tmp.resolve("root");
    DirectoryTarget target = DirectoryTarget.at(root);
    target.put(ResourceId.of("ConfigMap", "ns", "a"), doc("a"));
    Files.write(root.resolve("ConfigMap/ns/latin1.yaml"), new byte[] {'k', ':', ' ', (byte) 0xE9});
    Files.write(root.resolve("ConfigMap/ns/binary.bin"), new byte[] {(byte) 0xFF, 0});
    var observed = target.observe();
    assertThat(observed.get(ResourceId.of("ConfigMap", "ns", "latin1"))).contains(Node.Obj.EMPTY);
    assertThat(observed.get(ResourceId.of("ConfigMap", "ns", "a"))).contains(doc("a"));
    assertThat(target.get(ResourceId.of("ConfigMap", "ns", "latin1"))).contains(Node.Obj.EMPTY);
  }

  @Test
  void writtenFilesAreOwnerOnly() throws Exception {
    Path root = tmp.resolve("root");
    DirectoryTarget target = DirectoryTarget.at(root);
    target.put(ResourceId.of("ConfigMap", "ns", "a"), doc("a"));
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("ConfigMap/ns/a.yaml"))))
        .isEqualTo("rw-------");
  }
}
