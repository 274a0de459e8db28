package dev.gitops4j.core.apply;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.event.GitOpsListener;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.plan.Planner;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.reconcile.Reconciler;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.history.InMemoryStateStore;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.DefaultPlanner;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The built-in {@link Reconciler}: observes the target, plans, applies the plan wave by wave, and
 * keeps the inventory of what it owns in a {@link StateStore}.
 *
 * <p>Before the first write it records its intent (every resource it is about to write joins the
 * inventory), so a process killed mid-apply still owns, and can prune, what it wrote. Each change
 * first checks its {@link Precondition} against the target: a stale plan fails at the first
 * resource that moved. The first failing change stops the reconcile. Logs carry MDC keys {@code
 * gitops.revision} and {@code gitops.resource}.
 */
public final class DefaultReconciler implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultReconciler.class);

  private final Target target;
  private final Planner planner;
  private final StateStore state;
  private final PlanOptions options;
  private final Seq<GitOpsListener> listeners;
  private final Clock clock;
  private final Scheduler scheduler;

  private DefaultReconciler(Builder b) {
    this.target = Objects.requireNonNull(b.target, "target");
    this.planner = b.planner;
    this.state = b.state;
    this.options = b.options;
    this.listeners = b.listeners;
    this.scheduler =
        b.scheduler != null
            ? b.scheduler
            : b.clock instanceof Scheduler s
                ? s
                : b.clock == null ? Scheduler.system() : Scheduler.system(b.clock);
    this.clock = b.clock != null ? b.clock : scheduler.clock();
  }

  /** A builder; {@link Builder#target} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The target this reconciler writes to. */
  public Target target() {
    return target;
  }

  /** How this reconciler waits between attempts; every wait goes through it. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The store of inventory and history. */
  public StateStore state() {
    return state;
  }

  @Override
  public Plan plan(DesiredState desired) {
    return planner.plan(desired, target.observe(), state.inventory(), options);
  }

  @Override
  public ReconcileResult reconcile(DesiredState desired) {
    return apply(plan(desired));
  }

  @Override
  public ReconcileResult apply(Plan plan) {
    Instant started = clock.instant();
    MDC.put("gitops.revision", plan.revision().shortId());
    try {
      emit(new GitOpsEvent.ReconcileStarted(started, plan.revision(), target.describe()));
      emit(
          new GitOpsEvent.PlanComputed(
              clock.instant(),
              plan.revision(),
              plan.count(Change.Action.CREATE),
              plan.count(Change.Action.UPDATE),
              plan.count(Change.Action.REPLACE),
              plan.count(Change.Action.DELETE)));
      Inventory before = state.inventory();
      SortedSet<ResourceId> owned = before.ids();
      for (Change c : plan.effectiveChanges()) {
        if (c.action() != Change.Action.DELETE) {
          owned = owned.add(c.id());
        }
      }
      if (!owned.equals(before.ids())) {
        state.saveInventory(new Inventory(owned));
      }
      List<ReconcileResult.Applied> applied = List.empty();
      Option<ReconcileResult.Failure> failure = Option.none();
      for (Change change : plan.effectiveChanges()) {
        Option<String> error = applyOne(change);
        if (error.isDefined()) {
          failure =
              Option.of(new ReconcileResult.Failure(change.id(), change.action(), error.get()));
          emit(
              new GitOpsEvent.ChangeFailed(
                  clock.instant(), plan.revision(), change.id(), change.action(), error.get()));
          break;
        }
        applied = applied.append(new ReconcileResult.Applied(change.id(), change.action()));
        if (change.action() == Change.Action.DELETE) {
          owned = owned.remove(change.id());
        }
        emit(
            new GitOpsEvent.ChangeApplied(
                clock.instant(), plan.revision(), change.id(), change.action()));
      }
      if (!owned.equals(state.inventory().ids())) {
        state.saveInventory(new Inventory(owned));
      }
      ReconcileResult.Status status =
          failure.isDefined()
              ? ReconcileResult.Status.FAILED
              : applied.isEmpty()
                  ? ReconcileResult.Status.IN_SYNC
                  : ReconcileResult.Status.SUCCEEDED;
      ReconcileResult result =
          new ReconcileResult(
              plan.revision(),
              status,
              plan,
              applied,
              failure,
              started,
              Duration.between(started, clock.instant()));
      state.record(result);
      LOG.info(
          "reconciled {} onto {}: {} ({} changes applied)",
          plan.revision(),
          target.describe(),
          status,
          applied.size());
      emit(new GitOpsEvent.ReconcileFinished(clock.instant(), plan.revision(), status));
      return result;
    } finally {
      MDC.remove("gitops.revision");
    }
  }

  /** Applies one change; the error message if it failed. */
  private Option<String> applyOne(Change change) {
    MDC.put("gitops.resource", change.id().toString());
    try {
      Option<String> stale = checkPrecondition(change);
      if (stale.isDefined()) {
        LOG.warn("{} {}: {}", change.action().jsonName(), change.id(), stale.get());
        return stale;
      }
      if (change instanceof Change.Create c) {
        target.put(c.id(), Documents.reveal(c.desired()));
      } else if (change instanceof Change.Update u) {
        target.put(u.id(), Documents.reveal(u.desired()));
      } else if (change instanceof Change.Replace r) {
        target.delete(r.id());
        target.put(r.id(), Documents.reveal(r.desired()));
      } else if (change instanceof Change.Delete d) {
        target.delete(d.id());
      }
      LOG.debug("{} {}", change.action().jsonName(), change.id());
      return Option.none();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("{} {} failed: {}", change.action().jsonName(), change.id(), message);
      return Option.of(message);
    } finally {
      MDC.remove("gitops.resource");
    }
  }

  private Option<String> checkPrecondition(Change change) {
    Option<Node.Obj> current = target.get(change.id());
    Precondition now =
        current
            .map(d -> Precondition.present(Documents.fingerprint(d)))
            .getOrElse(Precondition.absent());
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

  private void emit(GitOpsEvent event) {
    for (GitOpsListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed on {}: {}", l, event.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Configures a {@link DefaultReconciler}; validates at {@link #build()}. */
  public static final class Builder {
    private @Nullable Target target;
    private Planner planner = new DefaultPlanner();
    private StateStore state = new InMemoryStateStore();
    private PlanOptions options = PlanOptions.DEFAULTS;
    private Seq<GitOpsListener> listeners = List.empty();
    private @Nullable Clock clock;
    private @Nullable Scheduler scheduler;

    private Builder() {}

    /** The target to reconcile (required). */
    public Builder target(Target value) {
      this.target = Objects.requireNonNull(value, "target");
      return this;
    }

    /** Another planner than {@link DefaultPlanner}. */
    public Builder planner(Planner value) {
      this.planner = Objects.requireNonNull(value, "planner");
      return this;
    }

    /** Where the inventory and history live (default: in memory). */
    public Builder stateStore(StateStore value) {
      this.state = Objects.requireNonNull(value, "stateStore");
      return this;
    }

    /** Planning options (default: prune on). */
    public Builder options(PlanOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** Adds a listener for every event. */
    public Builder listener(GitOpsListener value) {
      this.listeners = listeners.append(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * The clock for event times and durations (default: the scheduler's clock, else system UTC). A
     * clock that is also a {@link Scheduler} becomes the scheduler too unless one is set.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How to wait between attempts (default: {@link Scheduler#system()}, real sleeping). */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * The reconciler.
     *
     * @throws IllegalStateException if no target was set
     */
    public DefaultReconciler build() {
      if (target == null) {
        throw new IllegalStateException("DefaultReconciler.builder() needs a target(...)");
      }
      return new DefaultReconciler(this);
    }
  }
}
