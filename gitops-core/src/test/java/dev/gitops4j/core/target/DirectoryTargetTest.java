package dev.gitops4j.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest {
  @TempDir Path tmp;

  private static final Node.Obj DOC =
      Node.obj("kind", Node.str("ConfigMap"), "data", Node.obj("k", Node.str("v")));

  @Test
  void parallelWritersMakingTheSameFreshFoldersLoseNoWrite() throws Exception {
    DirectoryTarget target = DirectoryTarget.at(tmp.resolve("root"));
    int threads = 8;
    java.util.List<ResourceId> ids = new java.util.ArrayList<>();
    for (int ns = 0; ns < 150; ns++) {
      for (int i = 0; i < threads; i++) {
        ids.add(ResourceId.of("Kind" + (ns % 5), "ns-" + ns, "r-" + i));
      }
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
    java.util.List<Thread> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  together.await();
                  for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                    target.put(ids.get(i), DOC);
                  }
                } catch (Exception | Error e) {
                  failures.add(e);
                }
              });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    assertThat(failures).isEmpty();
    assertThat(target.observe().resources().keySet()).hasSize(ids.size());
  }

  @Test
  void writesReadsAndDeletesInTheDocumentedLayout() {
    DirectoryTarget target = DirectoryTarget.at(tmp.resolve("root"));
    ResourceId namespaced = ResourceId.of("ConfigMap", "prod", "a");
    ResourceId cluster = ResourceId.of("Namespace", "prod");
    target.put(namespaced, DOC);
    target.put(cluster, DOC);
    assertThat(tmp.resolve("root/ConfigMap/prod/a.yaml")).exists();
    assertThat(tmp.resolve("root/Namespace/_cluster/prod.yaml")).exists();
    assertThat(target.observe().resources().keySet()).containsExactly(namespaced, cluster);
    assertThat(target.get(namespaced)).contains(DOC);
    target.delete(namespaced);
    assertThat(tmp.resolve("root/ConfigMap")).doesNotExist();
    target.delete(namespaced);
  }

  @Test
  void replaceSwapsTheDocumentWithoutAGap() {
    DirectoryTarget target = DirectoryTarget.at(tmp.resolve("root"));
    ResourceId id = ResourceId.of("Service", "prod", "web");
    target.put(id, dev.gitops4j.api.model.Node.obj("spec", dev.gitops4j.api.model.Node.str("old")));
    target.replace(
        id, dev.gitops4j.api.model.Node.obj("spec", dev.gitops4j.api.model.Node.str("new")));
    assertThat(target.get(id).get().at("/spec")).contains(dev.gitops4j.api.model.Node.str("new"));
  }

  @Test
  void refusesNamesThatWouldEscapeTheRoot() {
    DirectoryTarget target = DirectoryTarget.at(tmp.resolve("root"));
    for (ResourceId id :
        new ResourceId[] {
          ResourceId.of("ConfigMap", ".."),
          ResourceId.of("..", "x"),
          ResourceId.of("ConfigMap", "../../etc", "passwd"),
          ResourceId.of("ConfigMap", "/etc/passwd"),
          ResourceId.of("ConfigMap", "a\0b"),
          ResourceId.of("ConfigMap", "_cluster", "x"),
          ResourceId.of("ConfigMap", ".hidden")
        }) {
      assertThatThrownBy(() -> target.put(id, DOC))
          .as(id.toString())
          .isInstanceOf(TargetException.class);
      assertThatThrownBy(() -> target.delete(id)).isInstanceOf(TargetException.class);
    }
    assertThat(tmp.resolve("root")).doesNotExist();
  }

  @Test
  void refusesToFollowSymlinksPlantedInsideTheRoot() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("victim.yaml"), "kind: Secret\n");
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createSymbolicLink(root.resolve("ConfigMap"), outside);
    Files.createDirectories(root.resolve("Secret/ns"));
    Files.createSymbolicLink(root.resolve("Secret/ns/victim.yaml"), outside.resolve("victim.yaml"));
    DirectoryTarget target = DirectoryTarget.at(root);

    assertThatThrownBy(() -> target.put(ResourceId.of("ConfigMap", "x", "y"), DOC))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> target.put(ResourceId.of("Secret", "ns", "victim"), DOC))
        .isInstanceOf(TargetException.class);
    assertThatThrownBy(() -> target.delete(ResourceId.of("Secret", "ns", "victim")))
        .isInstanceOf(TargetException.class);
    assertThat(target.observe().resources()).isEmpty();
    assertThat(Files.readString(outside.resolve("victim.yaml"))).isEqualTo("kind: Secret\n");
    try (var listing = Files.list(outside)) {
      assertThat(listing).hasSize(1);
    }
  }

  @Test
  void leavesFilesOutsideTheLayoutAlone() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("README.txt"), "hi");
    Files.createDirectories(root.resolve("ConfigMap/ns"));
    Files.writeString(root.resolve("ConfigMap/ns/notes.txt"), "hi");
    Files.writeString(root.resolve("ConfigMap/ns/.tmp.yaml"), "hi");
    assertThat(DirectoryTarget.at(root).observe().resources()).isEmpty();
  }
}
