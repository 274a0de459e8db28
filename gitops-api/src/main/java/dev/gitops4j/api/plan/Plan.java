package dev.gitops4j.api.plan;

import dev.gitops4j.api.source.Revision;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * The reviewable difference between Git and the target at one revision: waves of changes in the
 * order they must be applied. Changes within a wave do not depend on each other; each wave depends
 * only on earlier ones. Deletions come last, dependents first.
 *
 * <p>The same inputs give an equal plan, so a plan can be reviewed, stored and applied later; each
 * change carries the {@link Precondition} it was computed against.
 *
 * @param revision the revision planned
 * @param waves the changes, wave by wave in apply order; empty when nothing differs
 */
public record Plan(Revision revision, Seq<Seq<Change>> waves) {
  /**
   * Checks that no component is null.
   *
   * @param revision the revision the plan was made for
   * @param waves the changes, wave by wave, in apply order
   */
  public Plan {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(waves, "waves");
  }

  /**
   * Every change in apply order.
   *
   * @return every change in apply order
   */
  public Seq<Change> changes() {
    return waves.flatMap(w -> w);
  }

  /**
   * The changes that do something (all but no-ops), in apply order.
   *
   * @return the changes that do something (all but no-ops), in apply order
   */
  public Seq<Change> effectiveChanges() {
    return changes().filter(c -> c.action() != Change.Action.NOOP);
  }

  /**
   * True when applying this plan would change nothing.
   *
   * @return true when applying this plan would change nothing
   */
  public boolean isEmpty() {
    return effectiveChanges().isEmpty();
  }

  /**
   * How many changes of the given action the plan holds.
   *
   * @param action the kind of change to count
   * @return how many changes of the given action the plan holds
   */
  public int count(Change.Action action) {
    return changes().count(c -> c.action() == action);
  }
}
