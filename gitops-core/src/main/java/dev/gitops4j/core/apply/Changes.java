package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.internal.Scrubber;
import dev.gitops4j.core.plan.Fingerprints;
import io.vavr.control.Option;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the runners of single changes share: staleness, a replace that undoes itself, secrets. */
final class Changes {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultReconciler.class);

  private Changes() {}

  /** The document a change writes, if it writes one. */
  static Option<Node.Obj> desired(Change change) {
    if (change instanceof Change.Create c) {
      return Option.of(c.desired());
    } else if (change instanceof Change.Update u) {
      return Option.of(u.desired());
    } else if (change instanceof Change.Replace r) {
      return Option.of(r.desired());
    }
    return Option.none();
  }

  /** Why the change no longer applies to {@code current}, if it does not. */
  static Option<String> staleness(Fingerprints fp, Change change, Option<Node.Obj> current) {
    Precondition now = current.map(fp::present).getOrElse(Precondition.absent());
    if (now.equals(change.expected())) {
      return Option.none();
    }
    return Option.of(
        "stale plan: expected the resource "
            + (change.expected().fingerprint().isEmpty() ? "to be absent" : "as planned")
            + " but it "
            + (current.isEmpty() ? "is absent" : "changed since the plan was made")
            + "; plan again");
  }

  /**
   * A scrubber of every secret value the plan's documents hold, and of what the target holds at
   * those places ({@code observed}: what it was planned against, where known).
   */
  static Scrubber scrubber(Plan plan, Function<ResourceId, Option<Node.Obj>> observed) {
    Scrubber.Collector collector = Scrubber.collector();
    for (Change c : plan.effectiveChanges()) {
      Option<Node.Obj> seen = observed.apply(c.id());
      for (Node.Obj d : desired(c)) {
        collector.add(d, seen.getOrNull());
      }
      seen.forEach(collector::addObserved);
    }
    return collector.build();
  }

  /**
   * Deletes {@code id} and puts {@code document} in its place. When the put fails, the previous
   * document is put back, so a failing replace never leaves the resource deleted; the failure is
   * rethrown as a {@link TargetException} (transient if the put's was) saying whether the previous
   * document is back, its message scrubbed.
   *
   * @param delete deletes the resource; false when it had changed (nothing was deleted)
   * @return false when the delete found the resource changed (nothing written)
   */
  static boolean replace(
      Target target,
      ResourceId id,
      Node.Obj document,
      Option<Node.Obj> previous,
      java.util.function.BooleanSupplier delete,
      Scrubber scrubber) {
    if (!delete.getAsBoolean()) {
      return false;
    }
    try {
      target.put(id, document);
      return true;
    } catch (RuntimeException e) {
      String restored;
      if (previous.isEmpty()) {
        restored = "";
      } else {
        try {
          target.put(id, previous.get());
          restored = "; the previous document was put back";
        } catch (RuntimeException again) {
          restored = "; putting the previous document back failed too: " + scrubber.describe(again);
        }
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("replace {} failed", id, scrubber.scrubbed(e));
      }
      throw new TargetException(
          scrubber.describe(e) + restored, e instanceof TargetException t && t.isTransient());
    }
  }
}
