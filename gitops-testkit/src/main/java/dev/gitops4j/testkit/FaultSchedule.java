package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which calls of a target fail transiently, by their 1-based position among the writes (puts and
 * deletes) made through {@link #wrap}. Drawn by {@link GitOpsArbitraries#faultSchedules()}, so a
 * property can check that any adapter converges whatever transient faults happen.
 *
 * @param failingWrites the positions of the writes that fail
 */
public record FaultSchedule(SortedSet<Integer> failingWrites) {
  /**
   * Checks the schedule.
   *
   * @param failingWrites the 1-based positions of the writes that fail; empty for none
   * @throws NullPointerException if {@code failingWrites} is null
   */
  public FaultSchedule {
    Objects.requireNonNull(failingWrites, "failingWrites");
  }

  /**
   * True when no write fails.
   *
   * @return whether {@link #wrap} returns a target that never fails
   */
  public boolean isEmpty() {
    return failingWrites.isEmpty();
  }

  /**
   * {@code target} with this schedule's faults: the scheduled writes throw a transient {@link
   * TargetException} before reaching it; everything else passes through.
   *
   * @param target the target to wrap
   * @return a new wrapper with its own write count, starting at 0
   */
  public Target wrap(Target target) {
    Objects.requireNonNull(target, "target");
    AtomicInteger writes = new AtomicInteger();
    return new Target() {
      @Override
      public ActualState observe() {
        return target.observe();
      }

      @Override
      public Option<Node.Obj> get(ResourceId id) {
        return target.get(id);
      }

      @Override
      public void put(ResourceId id, Node.Obj document) {
        check(id);
        target.put(id, document);
      }

      @Override
      public void delete(ResourceId id) {
        check(id);
        target.delete(id);
      }

      @Override
      public Health health(ResourceId id) {
        return target.health(id);
      }

      @Override
      public String describe() {
        return target.describe() + " (with faults " + failingWrites.mkString(",") + ")";
      }

      private void check(ResourceId id) {
        int n = writes.incrementAndGet();
        if (failingWrites.contains(n)) {
          throw TargetException.transientFailure(id + ": scheduled transient fault at write " + n);
        }
      }
    };
  }

  @Override
  public String toString() {
    return "FaultSchedule" + failingWrites.mkString("[", ",", "]");
  }
}
