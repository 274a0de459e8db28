package dev.gitops4j.testkit;

import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.target.DirectoryTarget;
import java.nio.file.Files;

/** DirectoryTarget passes the ready-made properties. */
class DirectoryTargetProperties extends TargetProperties {
  @Override
  protected Target newTarget() throws Exception {
    return DirectoryTarget.at(Files.createTempDirectory("gitops4j-props").resolve("root"));
  }
}
