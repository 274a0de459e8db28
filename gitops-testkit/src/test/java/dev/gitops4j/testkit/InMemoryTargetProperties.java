package dev.gitops4j.testkit;

import dev.gitops4j.api.target.Target;

/** InMemoryTarget passes the ready-made properties. */
class InMemoryTargetProperties extends TargetProperties {
  @Override
  protected Target newTarget() {
    return InMemoryTarget.create();
  }
}
