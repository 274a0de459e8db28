package com.example.consumer;

import dev.gitops4j.api.target.Target;
import dev.gitops4j.testkit.InMemoryTarget;
import dev.gitops4j.testkit.TargetConformanceKit;

/** What a user writing an adapter does: run the testkit's contract against a target. */
class InMemoryTargetConformanceTest extends TargetConformanceKit {
  @Override
  protected Target newTarget() {
    return InMemoryTarget.create();
  }
}
