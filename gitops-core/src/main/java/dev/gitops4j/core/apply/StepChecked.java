package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.internal.Scrubber;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.rollout.RolloutExecutor;
import io.vavr.collection.HashSet;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;

/**
 * The runner for an adapter that implements only the required methods: its default {@code get} (and
 * so its default conditional write) is a whole {@code observe()}, so checking each change alone
 * would cost one observe per change. Instead the preconditions of a whole group are checked against
 * one fresh observe, then each change is written plainly.
 */
final class StepChecked implements RolloutExecutor.ChangeRunner {
  private final Target target;
  private final ActualState planned;
  private final Scrubber scrubber;
  private volatile Set<ResourceId> stale = HashSet.empty();

  StepChecked(Target target, ActualState planned, Scrubber scrubber) {
    this.target = target;
    this.planned = planned;
    this.scrubber = scrubber;
  }

  /** True when {@code target}'s class implements the method itself (not the SPI's default). */
  static boolean overrides(Target target, String name, Class<?>... parameters) {
    try {
      return target.getClass().getMethod(name, parameters).getDeclaringClass() != Target.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Override
  public void beforeGroup(Seq<Change> group) {
    ActualState now = target.observe();
    Set<ResourceId> moved = HashSet.empty();
    for (Change c : group) {
      if (!now.get(c.id()).equals(planned.get(c.id()))) {
        moved = moved.add(c.id());
      }
    }
    stale = moved;
  }

  @Override
  public void run(Change change) {
    if (stale.contains(change.id())) {
      throw new TargetException(
          "stale plan: the resource changed since it was observed; plan again");
    }
    if (change instanceof Change.Create c) {
      target.put(c.id(), Documents.reveal(c.desired()));
    } else if (change instanceof Change.Update u) {
      target.put(u.id(), Documents.reveal(u.desired()));
    } else if (change instanceof Change.Replace r) {
      Changes.replace(
          target,
          r.id(),
          Documents.reveal(r.desired()),
          planned.get(r.id()),
          () -> {
            target.delete(r.id());
            return true;
          },
          scrubber);
    } else if (change instanceof Change.Delete d) {
      target.delete(d.id());
    }
  }
}
