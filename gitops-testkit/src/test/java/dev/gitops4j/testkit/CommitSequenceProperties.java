package dev.gitops4j.testkit;

import static dev.gitops4j.testkit.GitOpsAssertions.assertThat;

import dev.gitops4j.core.GitOps;
import java.util.List;
import java.util.SortedMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Reconciling each commit of any sequence leaves exactly the last tree on the target; a commit
 * without manifests is refused and changes nothing.
 */
class CommitSequenceProperties {

  @Property(tries = 60)
  void everyCommitIsReconciledExactly(
      @ForAll("sequences") List<SortedMap<String, String>> commits) {
    InMemoryRepository repo = InMemoryRepository.create();
    InMemoryTarget target = InMemoryTarget.create();
    try (GitOps gitops = GitOps.builder().repository(repo).target(target).build()) {
      int n = 0;
      String[] held = {};
      for (SortedMap<String, String> tree : commits) {
        repo.commit("commit " + n++).replaceAll(tree).done();
        if (tree.isEmpty()) {
          // a commit without manifests is refused (never "prune everything"); nothing changes
          assertThat(gitops.reconcile().getError()).hasProblemCount(1);
          assertThat(target).holdsExactly(held);
          continue;
        }
        assertThat(gitops.reconcile().get()).succeeded();
        held =
            tree.keySet().stream()
                .map(
                    p ->
                        "ConfigMap/app/"
                            + p.substring("apps/".length(), p.length() - ".yaml".length()))
                .toArray(String[]::new);
        assertThat(target).holdsExactly(held);
        assertThat(gitops.plan().get()).isEmpty();
      }
    }
  }

  @Provide
  Arbitrary<List<SortedMap<String, String>>> sequences() {
    return GitOpsArbitraries.commitSequences();
  }
}
