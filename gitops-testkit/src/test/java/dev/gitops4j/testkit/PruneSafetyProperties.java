package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.history.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random sequences of commits, injected write failures, crashes mid-reconcile (a new reconciler
 * over the same state, as after a restart) and resources created or replaced by hand on the target:
 * no reconcile ever deletes or overwrites a hand-made resource that Git does not declare. Only what
 * the reconciler wrote is ever pruned.
 */
class PruneSafetyProperties {
  static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");

  /** One step of a history. */
  sealed interface Step permits Commit, ByHand, FailNext, CrashNext {}

  /** Git now declares these names (allowEmpty on, so even an empty commit may prune). */
  record Commit(Set<String> names, int version) implements Step {}

  /** Someone creates or replaces this resource on the target by hand. */
  record ByHand(String name) implements Step {}

  /** The next reconcile's writes of this name fail. */
  record FailNext(String name) implements Step {}

  /** The next reconcile crashes at its k-th target call. */
  record CrashNext(int call) implements Step {}

  static ResourceId id(String name) {
    return ResourceId.of("ConfigMap", "ns", name);
  }

  static Node.Obj doc(String name, String origin) {
    return Node.obj(
        "apiVersion", Node.str("v1"),
        "kind", Node.str("ConfigMap"),
        "metadata", Node.obj("name", Node.str(name), "namespace", Node.str("ns")),
        "data", Node.obj("origin", Node.str(origin)));
  }

  @Property(tries = 100)
  void noReconcileDeletesAResourceItDidNotWrite(@ForAll("histories") List<Step> steps) {
    InMemoryTarget target = InMemoryTarget.create();
    InMemoryStateStore store = new InMemoryStateStore();
    Map<String, Node.Obj> handMade = new HashMap<>();
    Set<String> failing = new TreeSet<>();
    int crashAt = 0;
    int hand = 0;
    for (Step step : steps) {
      if (step instanceof ByHand b) {
        Node.Obj d = doc(b.name(), "hand-" + hand++);
        target.putOutOfBand(id(b.name()), d);
        handMade.put(b.name(), d);
      } else if (step instanceof FailNext f) {
        failing.add(f.name());
      } else if (step instanceof CrashNext c) {
        crashAt = c.call();
      } else if (step instanceof Commit c) {
        failing.forEach(n -> target.failOn(id(n)));
        if (crashAt > 0) {
          target.crashAt(target.calls().size() + crashAt);
        }
        DefaultReconciler reconciler =
            DefaultReconciler.builder()
                .target(target)
                .stateStore(store)
                .allowEmpty(true)
                .lockTimeout(Duration.ZERO)
                .build();
        DesiredState desired = state(c);
        try {
          reconciler.reconcile(desired);
        } catch (SimulatedCrash crash) {
          // the process died; the next commit runs a new reconciler over the same state
        }
        target.healAll();
        failing.clear();
        crashAt = 0;
        for (var e : new HashMap<>(handMade).entrySet()) {
          var now = target.snapshot().get(id(e.getKey()));
          if (now.contains(e.getValue())) {
            continue;
          }
          // changed: only allowed when Git declares it (the reconciler took it over)
          assertThat(c.names())
              .as("hand-made %s lost after %s", e.getKey(), steps)
              .contains(e.getKey());
          assertThat(now).as("taken over, not deleted").isNotEmpty();
          handMade.remove(e.getKey());
        }
      }
    }
    // and with no fault left, the target converges on the last commit plus the hand-made ones
    DefaultReconciler last =
        DefaultReconciler.builder().target(target).stateStore(store).allowEmpty(true).build();
    Commit finalCommit = new Commit(Set.of("a", "b"), 99);
    assertThat(last.reconcile(state(finalCommit)).succeeded()).isTrue();
    Set<ResourceId> expected = new TreeSet<>();
    finalCommit.names().forEach(n -> expected.add(id(n)));
    handMade.keySet().forEach(n -> expected.add(id(n)));
    assertThat(target.snapshot().resources().keySet().toJavaSet()).isEqualTo(expected);
  }

  private static DesiredState state(Commit c) {
    String commit = "%040d".formatted(c.version());
    Revision rev = new Revision(commit, "main", Instant.EPOCH, "v" + c.version());
    return DesiredState.of(
        rev,
        c.names().stream()
            .sorted()
            .map(n -> Resource.of(id(n), doc(n, "git-" + c.version())))
            .toList());
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<String> names = Arbitraries.of(NAMES);
    Arbitrary<Step> commit =
        Combinators.combine(names.set().ofMaxSize(5), Arbitraries.integers().between(0, 3))
            .as(Commit::new);
    Arbitrary<Step> byHand = names.map(ByHand::new);
    Arbitrary<Step> fail = names.map(FailNext::new);
    Arbitrary<Step> crash = Arbitraries.integers().between(1, 12).map(CrashNext::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, commit),
            net.jqwik.api.Tuple.of(3, byHand),
            net.jqwik.api.Tuple.of(2, fail),
            net.jqwik.api.Tuple.of(2, crash))
        .list()
        .ofMinSize(1)
        .ofMaxSize(14);
  }
}
