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
