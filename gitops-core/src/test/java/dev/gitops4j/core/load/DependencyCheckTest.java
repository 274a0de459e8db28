package dev.gitops4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Cross-file checks stay linear and iterative: long chains, many cycles, many duplicates. */
class DependencyCheckTest {
  private static Resource r(int i, int... deps) {
    TreeSet<ResourceId> on = TreeSet.empty();
    for (int d : deps) {
      on = on.add(ResourceId.of("K", "r" + d));
    }
    return new Resource(ResourceId.of("K", "r" + i), Node.Obj.EMPTY, on, Option.none());
  }

  @Test
  void aChainOfAHundredThousandIsFineAndOverflowsNoStack() {
    java.util.List<Resource> chain = new ArrayList<>();
    chain.add(r(0));
    for (int i = 1; i < 100_000; i++) {
      chain.add(r(i, i - 1));
    }
    assertThat(DependencyCheck.check(List.ofAll(chain), false)).isEmpty();
  }

  @Test
  void eachCycleIsReportedOnce() {
    var problems =
        DependencyCheck.check(List.of(r(1, 2), r(2, 3), r(3, 1), r(4, 4), r(5, 1)), false);
    assertThat(problems.map(Problem::rule)).containsOnly("dependency-cycle");
    assertThat(problems.map(Problem::message))
        .containsExactly(
            "dependencies form a cycle: K/r1 -> K/r2 -> K/r3 -> K/r1",
            "dependencies form a cycle: K/r4 -> K/r4");
  }

  @Test
  void manyDuplicatesAreEachReported() {
    java.util.List<Resource> same = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      same.add(r(7));
    }
    assertThat(DependencyCheck.check(List.ofAll(same), false)).hasSize(49_999);
  }
}
