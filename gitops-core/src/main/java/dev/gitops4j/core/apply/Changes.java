package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.internal.Scrubber;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.Fingerprints;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Applies single changes through a target: precondition, marked write, scrubbed failure. */
final class Changes {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultReconciler.class);

  private final Target target;
  private final Ownership ownership;
  private final Fingerprints fingerprints;
  private final Scrubber scrubber;

  Changes(Target target, Ownership ownership, Fingerprints fingerprints, Scrubber scrubber) {
    this.target = target;
    this.ownership = ownership;
    this.fingerprints = fingerprints;
    this.scrubber = scrubber;
  }

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

  /** Applies one change; the (scrubbed) error message if it failed. */
  Option<String> apply(Change change) {
    MDC.put("gitops.resource", change.id().toString());
    try {
      Option<Node.Obj> current = target.get(change.id());
      Option<String> stale = staleness(fingerprints, change, current);
      if (stale.isDefined()) {
        LOG.warn("{} {}: {}", change.action().jsonName(), change.id(), stale.get());
        return stale;
      }
      if (change instanceof Change.Replace r) {
        return replace(r, current);
      }
      Option<Node.Obj> desired = desired(change);
      if (desired.isDefined()) {
        target.put(change.id(), write(desired.get()));
      } else if (change instanceof Change.Delete d) {
        target.delete(d.id());
      }
      LOG.debug("{} {}", change.action().jsonName(), change.id());
      return Option.none();
    } catch (RuntimeException e) {
      return Option.of(failed(change, e, ""));
    } finally {
      MDC.remove("gitops.resource");
    }
  }

  /** Delete then put; when the put fails, the previous document is put back. */
  private Option<String> replace(Change.Replace r, Option<Node.Obj> previous) {
    target.delete(r.id());
    try {
      target.put(r.id(), write(r.desired()));
      return Option.none();
    } catch (RuntimeException e) {
      String restored;
      try {
        for (Node.Obj doc : previous) {
          target.put(r.id(), doc);
        }
        restored = "; the previous document was put back";
      } catch (RuntimeException again) {
        restored = "; putting the previous document back failed too: " + scrubber.describe(again);
      }
      return Option.of(failed(r, e, restored));
    }
  }

  private String failed(Change change, RuntimeException e, String suffix) {
    String message = scrubber.describe(e) + suffix;
    LOG.warn("{} {} failed: {}", change.action().jsonName(), change.id(), message);
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} failed", change.action().jsonName(), change.id(), scrubber.scrubbed(e));
    }
    return message;
  }

  private Node.Obj write(Node.Obj desired) {
    return Documents.reveal(ownership.mark(desired));
  }

  /** Whether the target holds {@code id} with the mark; none when the target cannot tell. */
  Option<Boolean> marked(ResourceId id) {
    try {
      return Option.of(target.get(id).exists(ownership::isMarked));
    } catch (RuntimeException e) {
      return Option.none();
    }
  }
}
