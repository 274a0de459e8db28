package dev.gitops4j.testkit;

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
      return InMemoryTarget.create();
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
