package dev.gitops4j.core.rollout;

import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.rollout.Rollout;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;

/**
 * Cuts the effective changes of a plan into the steps of a {@link Rollout.Strategy}. A step is a
 * list of groups that run one after the other; the changes of one group have no dependencies
 * between them and may run in parallel. Cutting keeps apply order, so dependencies always hold.
 */
final class Steps {
  private Steps() {}

  /** The steps for {@code waves} (no-ops already removed, empty waves dropped). */
  static Seq<Seq<Seq<Change>>> of(Rollout.Strategy strategy, Seq<Seq<Change>> waves) {
    Vector<Seq<Change>> groups = Vector.ofAll(waves).filter(w -> !w.isEmpty());
    int total = groups.map(Seq::size).sum().intValue();
    if (total == 0) {
      return Vector.empty();
    }
    if (strategy instanceof Rollout.AllAtOnce) {
      return Vector.of(groups);
    }
    if (strategy instanceof Rollout.Waves) {
      return groups.map(Vector::of);
    }
    if (strategy instanceof Rollout.Batches b) {
      int size =
          b.size() > 0 ? b.size() : Math.max(1, (int) Math.ceil(total * b.percent() / 100.0));
      return cut(groups, size, Integer.MAX_VALUE);
    }
    Rollout.Canary c = (Rollout.Canary) strategy;
    return cut(groups, c.first(), 1);
  }

  /**
   * Steps of {@code size} changes, for at most {@code cuts} cuts (the rest forms the last step);
   * each step's changes stay grouped by the wave they came from.
   */
  private static Seq<Seq<Seq<Change>>> cut(Vector<Seq<Change>> groups, int size, int cuts) {
    java.util.List<Seq<Seq<Change>>> steps = new java.util.ArrayList<>();
    java.util.List<Seq<Change>> step = new java.util.ArrayList<>();
    java.util.List<Change> group = new java.util.ArrayList<>();
    int inStep = 0;
    for (Seq<Change> wave : groups) {
      for (Change change : wave) {
        group.add(change);
        inStep++;
        if (inStep == size && steps.size() < cuts) {
          step.add(Vector.ofAll(group));
          group.clear();
          steps.add(Vector.ofAll(step));
          step.clear();
          inStep = 0;
        }
      }
      if (!group.isEmpty()) {
        step.add(Vector.ofAll(group));
        group.clear();
      }
    }
    if (!step.isEmpty()) {
      steps.add(Vector.ofAll(step));
    }
    return Vector.ofAll(steps);
  }
}
