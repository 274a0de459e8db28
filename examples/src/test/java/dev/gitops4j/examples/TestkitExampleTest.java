package dev.gitops4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.testkit.InMemoryTarget;
import io.vavr.collection.List;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How to unit-test infrastructure code in memory, and how a custom adapter plugs in. */
class TestkitExampleTest {
  static final Revision REV = new Revision("0".repeat(40), "main", Instant.EPOCH, "example");
  static final ResourceId CONFIG = ResourceId.of("ConfigMap", "shop", "settings");

  static DesiredState desired(String level) {
    return DesiredState.of(
        REV,
        List.of(
            Resource.of(
                CONFIG,
                Node.obj(
                    "kind", Node.str("ConfigMap"), "data", Node.obj("level", Node.str(level))))));
  }

  @Test
  void aFailingWriteIsReportedAndHealsOnTheNextRun() {
    InMemoryTarget target = InMemoryTarget.create().failOn(CONFIG);
    DefaultReconciler reconciler = DefaultReconciler.builder().target(target).build();
    assertThat(reconciler.reconcile(desired("info")).status())
        .isEqualTo(ReconcileResult.Status.FAILED);
    target.heal(CONFIG);
    assertThat(reconciler.reconcile(desired("info")).status())
        .isEqualTo(ReconcileResult.Status.SUCCEEDED);
    target.putOutOfBand(CONFIG, Node.obj("kind", Node.str("ConfigMap")));
    assertThat(reconciler.plan(desired("info")).isEmpty()).isFalse();
  }

  @Test
  void aCustomTargetConverges(@TempDir Path tmp) {
    JsonFileTarget target = new JsonFileTarget(tmp.resolve("all.json"));
    DefaultReconciler reconciler = DefaultReconciler.builder().target(target).build();
    reconciler.reconcile(desired("debug"));
    assertThat(target.get(CONFIG).get().at("/data/level").get()).isEqualTo(Node.str("debug"));
    assertThat(reconciler.reconcile(desired("debug")).status())
        .isEqualTo(ReconcileResult.Status.IN_SYNC);
  }

  /** A custom adapter proves it keeps the Target contract by extending the conformance kit. */
  @org.junit.jupiter.api.Nested
  class JsonFileTargetConformance extends dev.gitops4j.testkit.TargetConformanceKit {
    @Override
    protected dev.gitops4j.api.target.Target newTarget() throws Exception {
      return new JsonFileTarget(
          java.nio.file.Files.createTempDirectory("json-target").resolve("all.json"));
    }
  }
}
