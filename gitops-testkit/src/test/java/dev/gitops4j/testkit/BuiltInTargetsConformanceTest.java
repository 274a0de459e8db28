package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;
import org.junit.jupiter.api.Nested;

/** GitOps4J's own targets pass the conformance kit. */
class BuiltInTargetsConformanceTest {
  @Nested
  class InMemory extends TargetConformanceKit {
    @Override
    protected Target newTarget() {
      InMemoryTarget target = InMemoryTarget.create();
      target.failWritesOfKind("Forbidden").always().permanently();
      return target;
    }

    /** The default samples, plus a kind scripted to fail permanently, which it must refuse. */
    @Override
    protected TargetSamples samples() {
      TargetSamples k = TargetSamples.kubernetesLike();
      ResourceId forbidden = ResourceId.of("Forbidden", "team-a", "x");
      return TargetSamples.builder()
          .namespaced(k.namespacedId(), k.namespacedDocument())
          .clusterScoped(k.clusterId(), k.clusterDocument())
          .oddNames(k.oddNames().toJavaArray(String[]::new))
          .freeFormField("data")
          .rejected(
              forbidden,
              Node.obj(
                  "apiVersion", Node.str("v1"),
                  "kind", Node.str("Forbidden"),
                  "metadata", Node.obj("name", Node.str("x"), "namespace", Node.str("team-a"))))
          .build();
    }
  }

  @Nested
  class Directory extends TargetConformanceKit {
    @Override
    protected Target newTarget() throws Exception {
      return DirectoryTarget.at(Files.createTempDirectory("gitops4j-conformance").resolve("root"));
    }

    /** The default samples, plus a name that would escape the root, which it must refuse. */
    @Override
    protected TargetSamples samples() {
      TargetSamples k = TargetSamples.kubernetesLike();
      return TargetSamples.builder()
          .namespaced(k.namespacedId(), k.namespacedDocument())
          .clusterScoped(k.clusterId(), k.clusterDocument())
          .oddNames(k.oddNames().toJavaArray(String[]::new))
          .freeFormField("data")
          .rejected(k.namespacedNamed(".."), k.namespacedDocument())
          .build();
    }
  }
}
