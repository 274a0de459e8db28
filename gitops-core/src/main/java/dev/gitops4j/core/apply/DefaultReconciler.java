package dev.gitops4j.core.apply;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.event.GitOpsListener;
import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.history.HistoryStore;
import dev.gitops4j.api.history.StateLock;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Inventory;
import dev.gitops4j.api.plan.Normalizer;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.plan.Planner;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.api.reconcile.DriftReport;
import dev.gitops4j.api.reconcile.Drifted;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.reconcile.Reconciler;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.drift.Drift;
import dev.gitops4j.core.health.HealthChecks;
import dev.gitops4j.core.health.HealthGate;
import dev.gitops4j.core.history.InMemoryHistoryStore;
import dev.gitops4j.core.history.InMemoryStateStore;
import dev.gitops4j.core.internal.Scrubber;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.DefaultPlanner;
import dev.gitops4j.core.plan.Fingerprints;
import dev.gitops4j.core.plan.JsonPatch;
import dev.gitops4j.core.rollout.RolloutExecutor;
import dev.gitops4j.core.rollout.TokenBucket;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The built-in {@link Reconciler}: observes the target, plans, applies the plan wave by wave, and
 * keeps the inventory of what it owns in a {@link StateStore}.
 *
 * <p>Before the first write it records its intent (the ids it is about to create join the
 * inventory's pending set), and every document it writes carries its ownership mark, so only what
 * it really wrote is ever owned and pruned, even after a crash. Each write is conditional on the
 * {@link Precondition} it was planned against; a saved plan is checked whole before the first write
 * and refused whole if any change is stale. The first failing change stops the reconcile; a target
 * that cannot be observed is a failed result, not an exception. Failure messages keep the
 * exception's type and cause and never a secret value. Logs carry MDC keys {@code gitops.revision}
 * and {@code gitops.resource}.
 */
public final class DefaultReconciler implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultReconciler.class);

  private final Target target;
  private final Planner planner;
  private final Ownership ownership;
  private final Fingerprints fingerprints;
  private final boolean allowEmpty;
  private final Duration lockTimeout;
  private final StateStore state;
  private final PlanOptions options;
  private final Seq<GitOpsListener> listeners;
  private final Normalizer targetNormalizer;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Rollout rollout;
  private final HealthChecks healthChecks;
  private final boolean selfHeal;
  private final boolean dryRun;
  private final long seed;
  private final @Nullable Executor executorService;
  private final @Nullable TokenBucket bucket;
  private final Safeguards guards;
  private final java.util.concurrent.locks.ReentrantLock runLock =
      new java.util.concurrent.locks.ReentrantLock();
  private final boolean cheapChecks;
  private final boolean builtInPlanner;
  private final boolean ownReplace;

  private DefaultReconciler(Builder b) {
    this.target = Objects.requireNonNull(b.target, "target");
    this.fingerprints = Fingerprints.keyed(b.state::fingerprintKey);
    this.planner = b.planner == null ? new DefaultPlanner(fingerprints) : b.planner;
    this.builtInPlanner = b.planner == null;
    this.ownership = new Ownership(b.owner);
    this.allowEmpty = b.allowEmpty;
    this.lockTimeout = b.lockTimeout;
    this.state = b.state;
    this.options = b.options;
    this.listeners = b.listeners;
    this.targetNormalizer = target::normalize;
    this.scheduler =
        b.scheduler != null
            ? b.scheduler
            : b.clock instanceof Scheduler s
                ? s
                : b.clock == null ? Scheduler.system() : Scheduler.system(b.clock);
    this.clock = b.clock != null ? b.clock : scheduler.clock();
    this.rollout = b.rollout;
    this.healthChecks = b.healthChecks;
    this.selfHeal = b.selfHeal;
    this.dryRun = b.dryRun;
    this.seed = b.seed;
    this.executorService = b.executor;
    this.bucket = b.rollout.rateLimit().map(l -> new TokenBucket(l, scheduler)).getOrNull();
    this.ownReplace = StepChecked.overrides(target, "replace", ResourceId.class, Node.Obj.class);
    this.cheapChecks =
        StepChecked.overrides(target, "get", ResourceId.class)
            || StepChecked.overrides(
                target, "putIfUnchanged", ResourceId.class, Option.class, Node.Obj.class);
    this.guards = new Safeguards(b.history, b.rollback, b.revisions, this::emit, clock);
  }

  /**
   * A builder; {@link Builder#target} is required.
   *
   * @return an empty builder with the defaults documented on each of its setters
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The target this reconciler writes to.
   *
   * @return the target given to {@link Builder#target}
   */
  public Target target() {
    return target;
  }

  /**
   * How this reconciler waits between attempts; every wait goes through it.
   *
   * @return the builder's scheduler, else the clock if it is one, else the system scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The planning options this reconciler was built with.
   *
   * @return the options used by {@link #plan(DesiredState)} and {@link #reconcile(DesiredState)}
   */
  public PlanOptions options() {
    return options;
  }

  /**
   * The store of inventory and history.
   *
   * @return the store of the owned inventory, last-applied documents, journal and lock
   */
  public StateStore state() {
    return state;
  }

  /**
   * The reconcile history, failed marks and suspension of this target.
   *
   * @return the store of reconcile records that rollbacks and failed marks are decided from
   */
  public HistoryStore history() {
    return guards.history();
  }

  @Override
  public Plan plan(DesiredState desired) {
    return plan(desired, options);
  }

  /**
   * Plans with other options than the configured ones, three ways (with the last-applied documents
   * of the state store); the target's normalizer and immutable fields are added to {@code with}.
   *
   * @param desired what Git declares; every document is planned with this reconciler's ownership
   *     mark
   * @param with the options for this plan only; prune is turned off (with a warning) when {@code
   *     desired} is empty, this reconciler owns resources and {@link Builder#allowEmpty} is not set
   * @return the plan against what the target holds now; nothing is touched
   */
  public Plan plan(DesiredState desired, PlanOptions with) {
    return planAgainst(desired, target.observe(), with);
  }

  /**
   * Where the target differs from {@code desired}, field by field, secrets redacted. Touches
   * nothing.
   *
   * @param desired what Git declares, planned with the configured options
   * @return the plan that would undo the drift and the differing fields; empty when the target
   *     matches
   */
  public DriftReport drift(DesiredState desired) {
    ActualState actual = target.observe();
    Plan plan = planAgainst(desired, actual, options);
    return new DriftReport(plan, Drift.of(plan, actual));
  }

  /**
   * Observes, plans and applies {@code desired} as the rollout says. Does nothing when the target
   * is suspended or the revision is marked failed; with rollback on, a failure takes the target
   * back to the last known good revision. Failures are in the result, not thrown.
   *
   * @throws dev.gitops4j.api.history.StateBusyException if another run holds the state store for
   *     longer than the lock timeout
   */
  @Override
  public ReconcileResult reconcile(DesiredState desired) {
    return reconcile(desired, options);
  }

  /**
   * As {@link #reconcile(DesiredState)}, planning the requested revision with {@code with}.
   *
   * @param desired what Git declares
   * @param with the options for planning this revision; a rollback to the last known good revision
   *     plans with the configured options
   * @return what was applied and how it ended, or why nothing was done (suspended, marked failed)
   * @throws dev.gitops4j.api.history.StateBusyException if another run holds the state store for
   *     longer than the lock timeout
   */
  public ReconcileResult reconcile(DesiredState desired, PlanOptions with) {
    guards.requested(desired.revision());
    try (StateLock lock = state.lock(lockTimeout);
        var held = new RunLock(runLock)) {
      Instant started = clock.instant();
      Option<ReconcileResult> refused = guards.refuse(desired.revision(), started);
      if (refused.isDefined()) {
        guards.record(new Safeguards.Run(refused.get(), List.empty()), Option.of(desired));
        return refused.get();
      }
      Safeguards.Run run = reconcileLocked(desired, true, with);
      run = guards.afterFailure(run, good -> reconcileLocked(good, false));
      guards.record(run, Option.of(desired));
      return run.result();
    }
  }

  /**
   * Applies a plan made earlier. If the precondition of any change no longer holds (the world moved
   * since planning), the plan is refused whole and nothing is written; a change that fails while
   * applying stops the run and, with rollback on, the target then goes back to the last known good
   * revision.
   *
   * @throws dev.gitops4j.api.history.StateBusyException if another run holds the state store for
   *     longer than the lock timeout
   */
  @Override
  public ReconcileResult apply(Plan plan) {
    guards.requested(plan.revision());
    try (StateLock lock = state.lock(lockTimeout);
        var held = new RunLock(runLock)) {
      Instant started = clock.instant();
      Option<ReconcileResult> refused = guards.refuse(plan.revision(), started);
      if (refused.isDefined()) {
        guards.record(new Safeguards.Run(refused.get(), List.empty()), Option.none());
        return refused.get();
      }
      Safeguards.Run run;
      Precheck checked;
      try {
        checked = precheck(plan);
      } catch (RuntimeException e) {
        run =
            targetFailed(plan.revision(), e, Changes.scrubber(plan, id -> Option.none()), started);
        guards.record(run, Option.none());
        return run.result();
      }
      if (checked.stale().nonEmpty()) {
        run = refuseStale(plan, checked, started);
      } else {
        run = run(plan, checked.observed(), checked.scrubber(), true);
        run = guards.afterFailure(run, good -> reconcileLocked(good, false));
      }
      guards.record(run, Option.none());
      return run.result();
    }
  }

  /**
   * Rolls the target back by hand to {@code earlier}, a revision applied here before, and marks the
   * revision it leaves failed, so that reconciles of that revision do nothing until a newer commit
   * arrives or {@link #clearFailed} is called.
   *
   * @param earlier the desired state of a revision with a good outcome in this target's history
   * @return the result of applying it; the revision left is marked failed only when this succeeds
   * @throws dev.gitops4j.api.history.StateBusyException if another run holds the state store for
   *     longer than the lock timeout
   * @throws IllegalArgumentException if {@code earlier} was never applied to this target
   */
  public ReconcileResult rollbackTo(DesiredState earlier) {
    Revision to = earlier.revision();
    if (!guards
        .history()
        .records()
        .exists(r -> r.outcome().isGood() && r.revision().commit().equals(to.commit()))) {
      throw new IllegalArgumentException(
          "cannot roll back to " + to + ": it was never applied to " + target.describe());
    }
    guards.requested(to);
    try (StateLock lock = state.lock(lockTimeout);
        var held = new RunLock(runLock)) {
      Option<Revision> leaving =
          guards
              .history()
              .lastKnownGood()
              .map(r -> r.revision())
              .filter(r -> !r.commit().equals(to.commit()));
      guards.history().clearFailed(to.commit());
      Safeguards.Run run = reconcileLocked(earlier, false);
      if (run.result().succeeded()) {
        leaving.forEach(
            r ->
                guards
                    .history()
                    .markFailed(
                        new FailedRevision(
                            r.commit(),
                            clock.instant(),
                            "rolled back by hand to " + to.shortId(),
                            to.commit())));
      }
      guards.record(run, Option.of(earlier));
      return run.result();
    }
  }

  /**
   * Says that a reconcile of {@code newer} is coming (a trigger saw a new commit): a health wait
   * pending for another revision stops at once and its reconcile ends {@code CANCELLED}, so the
   * newer revision does not wait behind a gate the older one may never pass.
   *
   * @param newer the revision about to be reconciled; announcing the revision already pending
   *     changes nothing
   */
  public void announce(Revision newer) {
    guards.requested(newer);
  }

  /**
   * Removes the failed mark of a commit so that the next reconcile applies it; true if marked.
   *
   * @param commit the full commit id that was marked failed
   * @return true if the commit was marked failed and now is not
   */
  public boolean clearFailed(String commit) {
    return guards.history().clearFailed(commit);
  }

  /**
   * Suspends reconciles of this target: they do nothing, with {@code reason}, until resumed.
   *
   * @param reason why, for people: kept in the history store and in the result of every skipped
   *     reconcile
   */
  public void suspend(String reason) {
    guards.history().suspend(reason);
  }

  /**
   * Resumes reconciles; true if they were suspended.
   *
   * @return true if reconciles were suspended, false if there was nothing to resume
   */
  public boolean resume() {
    return guards.history().resume();
  }

  private Safeguards.Run reconcileLocked(DesiredState desired, boolean primary) {
    return reconcileLocked(desired, primary, options);
  }

  private Safeguards.Run reconcileLocked(DesiredState desired, boolean primary, PlanOptions with) {
    Instant started = clock.instant();
    ActualState actual;
    Plan plan;
    EarlyWrites early = null;
    try {
      target.recover();
      actual = target.observe();
      early = primary ? startEarly(desired, actual) : null;
      try {
        plan = planAgainst(desired, actual, with);
      } finally {
        if (early != null) {
          early.close();
        }
      }
    } catch (RuntimeException e) {
      Scrubber.Collector secrets = Scrubber.collector();
      desired.resources().values().forEach(r -> secrets.add(r.body(), null));
      return targetFailed(desired.revision(), e, secrets.build(), started);
    }
    if (primary && !plan.isEmpty() && guards.isAt(desired.revision())) {
      Seq<Drifted> drift = Drift.of(plan, actual);
      for (Drifted d : drift) {
        LOG.warn("{} drifted from {}: {}", d.id(), desired.revision(), d.paths().mkString(", "));
        emit(
            new GitOpsEvent.DriftDetected(
                clock.instant(), desired.revision(), d.id(), d.paths(), selfHeal));
      }
      if (!selfHeal) {
        Instant now = clock.instant();
        String note =
            drift.size() + " resources drifted from " + desired.revision() + "; self-heal is off";
        return new Safeguards.Run(
            new ReconcileResult(
                desired.revision(),
                ReconcileResult.Status.DRIFTED,
                plan,
                List.empty(),
                Option.none(),
                now,
                Duration.ZERO,
                Option.none(),
                Option.of(note)),
            List.empty());
      }
    }
    return run(plan, Option.of(actual), Changes.scrubber(plan, actual::get), primary, early);
  }

  /**
   * Starts writing, while the plan is made, the creates it is sure to open with (see {@link
   * EarlyWrites}), when that cannot change what the reconcile does: the built-in planner, the
   * all-at-once strategy (which asks for no order inside a wave), a new revision or self-heal on
   * (so no drift report is pre-empted), no dry run, and a target with a cheap conditional write.
   * Their ids are recorded as pending first, as every create is.
   */
  private @Nullable EarlyWrites startEarly(DesiredState desired, ActualState actual) {
    if (!builtInPlanner
        || !(rollout.strategy() instanceof Rollout.AllAtOnce)
        || dryRun
        || !cheapChecks
        || (!selfHeal && guards.isAt(desired.revision()))) {
      return null;
    }
    java.util.ArrayList<EarlyWrites.Item> items = new java.util.ArrayList<>();
    for (Resource r : desired.resources().values()) {
      if (r.dependsOn().isEmpty() && actual.get(r.id()).isEmpty()) {
        items.add(new EarlyWrites.Item(r.id(), Documents.reveal(ownership.mark(r.body()))));
      }
    }
    if (items.isEmpty()) {
      return null;
    }
    // what the run will own (rebuilt from the marks if the inventory is lost), plus the intent
    SortedSet<ResourceId> pending = io.vavr.collection.TreeSet.empty();
    for (EarlyWrites.Item i : items) {
      pending = pending.add(i.id());
    }
    state.saveInventory(new Inventory(ownedIn(actual).ids(), pending));
    return EarlyWrites.start(
        target, bucket, java.util.List.copyOf(items), rollout.maxParallel(), executorService);
  }

  /** What a saved plan's changes find on the target before anything is written. */
  private record Precheck(
      Seq<Tuple2<Change, String>> stale, Option<ActualState> observed, Scrubber scrubber) {}

  /**
   * Reads what every change of a saved plan would touch (one {@code get} each, or one {@code
   * observe()} for an adapter whose {@code get} is an observe) and lists the changes whose
   * precondition no longer holds.
   */
  private Precheck precheck(Plan plan) {
    Seq<Change> changes = plan.effectiveChanges();
    Option<ActualState> observed = cheapChecks ? Option.none() : Option.of(target.observe());
    java.util.Map<ResourceId, Option<Node.Obj>> now = new java.util.HashMap<>();
    java.util.ArrayList<Tuple2<Change, String>> stale = new java.util.ArrayList<>();
    for (Change c : changes) {
      Option<Node.Obj> current =
          observed.isDefined() ? observed.get().get(c.id()) : target.get(c.id());
      now.put(c.id(), current);
      Changes.staleness(fingerprints, c, current).forEach(why -> stale.add(Tuple.of(c, why)));
    }
    return new Precheck(
        List.ofAll(stale),
        observed,
        Changes.scrubber(plan, id -> now.getOrDefault(id, Option.none())));
  }

  /**
   * A saved plan some of whose changes no longer hold: nothing is written and nothing new is owned
   * (all or nothing), every stale change is reported; no rollback, no failed mark (the revision is
   * not at fault: plan it again).
   */
  private Safeguards.Run refuseStale(Plan plan, Precheck checked, Instant started) {
    MDC.put("gitops.revision", plan.revision().shortId());
    try {
      emit(new GitOpsEvent.ReconcileStarted(started, plan.revision(), target.describe()));
      Seq<HistoryRecord.ChangeResult> refused =
          checked
              .stale()
              .map(
                  s ->
                      new HistoryRecord.ChangeResult(
                          s._1.id(), s._1.action(), false, 0, Duration.ZERO, Option.of(s._2)));
      for (Tuple2<Change, String> s : checked.stale()) {
        LOG.warn("{} {}: {}", s._1.action().jsonName(), s._1.id(), s._2);
        emit(
            new GitOpsEvent.ChangeFailed(
                clock.instant(), plan.revision(), s._1.id(), s._1.action(), s._2));
      }
      Tuple2<Change, String> first = checked.stale().head();
      int total = plan.effectiveChanges().size();
      String message =
          first._2
              + " ("
              + checked.stale().size()
              + " of "
              + total
              + " changes no longer hold; nothing was written)";
      ReconcileResult result =
          new ReconcileResult(
              plan.revision(),
              ReconcileResult.Status.FAILED,
              plan,
              List.empty(),
              Option.of(ReconcileResult.Failure.of(first._1.id(), first._1.action(), message)),
              started,
              Duration.between(started, clock.instant()),
              Option.none(),
              Option.of("stale plan refused: nothing was written"));
      if (!dryRun) {
        state.record(result);
      }
      emit(
          new GitOpsEvent.ReconcileFinished(
              clock.instant(), plan.revision(), ReconcileResult.Status.FAILED));
      return new Safeguards.Run(result, refused);
    } finally {
      MDC.remove("gitops.revision");
    }
  }

  /**
   * The target itself failed before any write (observing it, recovering it, reading a saved plan's
   * resources): a failed result with the scrubbed cause, its events and journal entry. No rollback
   * follows, and the revision is not marked failed (it is not at fault).
   */
  private Safeguards.Run targetFailed(
      Revision revision, RuntimeException e, Scrubber scrubber, Instant started) {
    MDC.put("gitops.revision", revision.shortId());
    try {
      String message = "cannot observe " + target.describe() + ": " + scrubber.describe(e);
      LOG.warn("{}; nothing was written", message);
      if (LOG.isDebugEnabled()) {
        LOG.debug("observing {} failed", target.describe(), scrubber.scrubbed(e));
      }
      emit(new GitOpsEvent.ReconcileStarted(started, revision, target.describe()));
      ReconcileResult result =
          new ReconcileResult(
              revision,
              ReconcileResult.Status.FAILED,
              new Plan(revision, List.empty()),
              List.empty(),
              Option.of(ReconcileResult.Failure.ofTarget(message)),
              started,
              Duration.between(started, clock.instant()),
              Option.none(),
              Option.of("the target failed before any change; nothing was written"));
      if (!dryRun) {
        state.record(result);
      }
      emit(
          new GitOpsEvent.ReconcileFinished(
              clock.instant(), revision, ReconcileResult.Status.FAILED));
      return new Safeguards.Run(result, List.empty());
    } finally {
      MDC.remove("gitops.revision");
    }
  }

  /** Rolls a plan out; {@code actual} is what it was planned against, when known. */
  private Safeguards.Run run(
      Plan plan, Option<ActualState> actual, Scrubber scrubber, boolean gated) {
    return run(plan, actual, scrubber, gated, null);
  }

  private Safeguards.Run run(
      Plan plan,
      Option<ActualState> actual,
      Scrubber scrubber,
      boolean gated,
      @Nullable EarlyWrites early) {
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
      SortedSet<ResourceId> owned =
          ownedBy(id -> actual.isDefined() ? actual.get().get(id) : target.get(id)).ids();
      SortedSet<ResourceId> intent = io.vavr.collection.TreeSet.empty();
      if (!dryRun) {
        for (Change c : plan.effectiveChanges()) {
          if (c.action() != Change.Action.DELETE && !owned.contains(c.id())) {
            intent = intent.add(c.id());
          }
        }
        Inventory recorded = new Inventory(owned, intent);
        if (!state.inventoryIntact() || !recorded.equals(state.inventory())) {
          state.saveInventory(recorded);
        }
      }
      RolloutExecutor executor =
          new RolloutExecutor(
              rollout,
              scheduler,
              new HealthGate(target, healthChecks, scheduler),
              this::emit,
              seed,
              executorService,
              bucket,
              scrubber);
      Revision revision = plan.revision();
      RolloutExecutor.ChangeRunner runner =
          dryRun
              ? c -> checkOnly(c, actual)
              : actual.isDefined() && !cheapChecks
                  ? new StepChecked(target, actual.get(), scrubber)
                  : c -> applyOne(c, actual, scrubber);
      if (early != null) {
        runner = early.around(runner, c -> Documents.reveal(ownership.mark(c.desired())));
      }
      RolloutExecutor.Result done =
          executor.run(
              revision, plan.waves(), runner, gated && !dryRun, () -> guards.superseded(revision));
      if (early != null) {
        done = withEarly(revision, done, early);
        recordEarly(plan, early);
      }
      Seq<ReconcileResult.Applied> applied = done.applied();
      if (!dryRun) {
        for (ReconcileResult.Applied a : applied) {
          owned = a.action() == Change.Action.DELETE ? owned.remove(a.id()) : owned.add(a.id());
        }
        // a write that failed may have landed: its mark decides
        for (ResourceId id : intent.removeAll(owned)) {
          try {
            if (target.get(id).exists(ownership::isMarked)) {
              owned = owned.add(id);
            }
          } catch (RuntimeException e) {
            LOG.debug("cannot tell whether {} was written", id);
          }
        }
        Inventory after = new Inventory(owned);
        if (!state.inventoryIntact() || !after.equals(state.inventory())) {
          state.saveInventory(after);
        }
      }
      ReconcileResult.Status status =
          done.failure().isDefined()
              ? ReconcileResult.Status.FAILED
              : done.cancelled()
                  ? ReconcileResult.Status.CANCELLED
                  : dryRun
                      ? ReconcileResult.Status.DRY_RUN
                      : applied.isEmpty()
                          ? ReconcileResult.Status.IN_SYNC
                          : ReconcileResult.Status.SUCCEEDED;
      ReconcileResult result =
          new ReconcileResult(
              plan.revision(),
              status,
              plan,
              applied,
              done.failure(),
              started,
              Duration.between(started, clock.instant()),
              Option.none(),
              done.cancelled()
                  ? Option.of("a newer revision arrived during the health wait")
                  : Option.none());
      if (!dryRun) {
        state.record(result);
      }
      LOG.info(
          "reconciled {} onto {}: {} ({} changes applied)",
          plan.revision(),
          target.describe(),
          status,
          applied.size());
      emit(new GitOpsEvent.ReconcileFinished(clock.instant(), plan.revision(), status));
      return new Safeguards.Run(result, done.changes());
    } finally {
      MDC.remove("gitops.revision");
    }
  }

  /** Records what Git declared for each create written early, as {@link #recordApplied} does. */
  private void recordEarly(Plan plan, EarlyWrites early) {
    java.util.Set<ResourceId> written = early.written();
    for (Change c : plan.changes()) {
      if (c instanceof Change.Create create && written.contains(create.id())) {
        state.saveLastApplied(create.id(), Option.of(create.desired()));
      }
    }
  }

  /** Adds the creates written early that the rollout, stopped by a failure, did not reach. */
  private RolloutExecutor.Result withEarly(
      Revision revision, RolloutExecutor.Result done, EarlyWrites early) {
    java.util.Set<ResourceId> reached = new java.util.HashSet<>();
    done.changes().forEach(c -> reached.add(c.id()));
    Seq<HistoryRecord.ChangeResult> changes = done.changes();
    for (ResourceId id : io.vavr.collection.TreeSet.ofAll(early.written())) {
      if (!reached.contains(id)) {
        emit(new GitOpsEvent.ChangeApplied(clock.instant(), revision, id, Change.Action.CREATE));
        changes =
            changes.append(
                new HistoryRecord.ChangeResult(
                    id, Change.Action.CREATE, true, 1, Duration.ZERO, Option.none()));
      }
    }
    return new RolloutExecutor.Result(changes, done.failure(), done.cancelled());
  }

  /** A dry run's change: the precondition is checked, nothing is written. */
  private void checkOnly(Change change, Option<ActualState> actual) {
    if (actual.isEmpty()) {
      Option<String> stale = checkPrecondition(change);
      if (stale.isDefined()) {
        throw new TargetException(stale.get());
      }
    }
  }

  /**
   * Applies one change, or throws. With the document it was planned against at hand, the write is
   * conditional on it ({@link Target#putIfUnchanged}: no extra round trip for a target that can
   * check versions); for a saved plan, the target is read and its fingerprint compared first.
   */
  private void applyOne(Change change, Option<ActualState> actual, Scrubber scrubber) {
    MDC.put("gitops.resource", change.id().toString());
    try {
      if (actual.isEmpty()) {
        Option<String> stale = checkPrecondition(change);
        if (stale.isDefined()) {
          throw new TargetException(stale.get());
        }
        writeUnconditionally(change, scrubber);
        recordApplied(change);
        return;
      }
      Option<Node.Obj> seen = actual.get().get(change.id());
      boolean done = true;
      if (change instanceof Change.Create c) {
        done =
            target.putIfUnchanged(
                c.id(), Option.none(), Documents.reveal(ownership.mark(c.desired())));
      } else if (change instanceof Change.Update u) {
        done =
            target.putIfUnchanged(u.id(), seen, Documents.reveal(ownership.mark(merged(u, seen))));
      } else if (change instanceof Change.Replace r) {
        if (ownReplace) {
          done = target.get(r.id()).equals(seen);
          if (done) {
            target.replace(r.id(), Documents.reveal(ownership.mark(r.desired())));
          }
        } else {
          done =
              Changes.replace(
                  target,
                  r.id(),
                  Documents.reveal(ownership.mark(r.desired())),
                  seen,
                  () -> seen.isEmpty() || target.deleteIfUnchanged(r.id(), seen.get()),
                  scrubber);
        }
      } else if (change instanceof Change.Delete d) {
        done = seen.isEmpty() || target.deleteIfUnchanged(d.id(), seen.get());
      }
      if (!done && !alreadyDone(change, seen)) {
        throw new TargetException(
            "stale plan: the resource "
                + (seen.isEmpty() ? "appeared" : "changed")
                + " since it was observed; plan again");
      }
      recordApplied(change);
      LOG.debug("{} {}", change.action().jsonName(), change.id());
    } finally {
      MDC.remove("gitops.resource");
    }
  }

  /** A retried write that had landed before its answer was lost: the target already holds it. */
  private boolean alreadyDone(Change change, Option<Node.Obj> seen) {
    Option<Node.Obj> now = target.get(change.id());
    if (change instanceof Change.Create c) {
      return now.contains(Documents.reveal(ownership.mark(c.desired())));
    } else if (change instanceof Change.Update u) {
      return now.contains(Documents.reveal(ownership.mark(merged(u, seen))));
    } else if (change instanceof Change.Replace r) {
      return now.contains(Documents.reveal(ownership.mark(r.desired())));
    } else if (change instanceof Change.Delete) {
      return now.isEmpty();
    }
    return true;
  }

  private void writeUnconditionally(Change change, Scrubber scrubber) {
    if (change instanceof Change.Create c) {
      target.put(c.id(), Documents.reveal(ownership.mark(c.desired())));
    } else if (change instanceof Change.Update u) {
      Option<Node.Obj> current = target.get(u.id());
      target.patch(u.id(), u.patch(), Documents.reveal(ownership.mark(merged(u, current))));
    } else if (change instanceof Change.Replace r) {
      if (ownReplace) {
        target.replace(r.id(), Documents.reveal(ownership.mark(r.desired())));
        return;
      }
      Option<Node.Obj> previous = target.get(r.id());
      Changes.replace(
          target,
          r.id(),
          Documents.reveal(ownership.mark(r.desired())),
          previous,
          () -> {
            target.delete(r.id());
            return true;
          },
          scrubber);
    } else if (change instanceof Change.Delete d) {
      target.delete(d.id());
    }
  }

  /**
   * What an update writes: the document it was planned against with its patch applied, so fields
   * Git never declared survive; the desired document when there is nothing to patch.
   */
  private static Node.Obj merged(Change.Update u, Option<Node.Obj> base) {
    if (base.isEmpty()) {
      return u.desired();
    }
    var patched = JsonPatch.apply(base.get(), u.patch());
    if (patched.isLeft() || !(patched.get() instanceof Node.Obj doc)) {
      throw new TargetException(
          "the planned patch no longer applies to " + u.id() + "; plan again");
    }
    return doc;
  }

  /** Remembers what Git declared for the resource, the third side of the next plan. */
  private void recordApplied(Change change) {
    if (change instanceof Change.Create c) {
      state.saveLastApplied(c.id(), Option.of(c.desired()));
    } else if (change instanceof Change.Update u) {
      state.saveLastApplied(u.id(), Option.of(u.desired()));
    } else if (change instanceof Change.Replace r) {
      state.saveLastApplied(r.id(), Option.of(r.desired()));
    } else if (change instanceof Change.Delete d) {
      state.saveLastApplied(d.id(), Option.none());
    }
  }

  private Option<String> checkPrecondition(Change change) {
    return Changes.staleness(fingerprints, change, target.get(change.id()));
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

  /**
   * The fingerprints its preconditions are checked with (keyed by the state store's key).
   *
   * @return the keyed fingerprints used by the built-in planner and by the checks before each
   *     write; a custom planner must use the same ones for its preconditions to hold
   */
  public Fingerprints fingerprints() {
    return fingerprints;
  }

  /**
   * What this reconciler owns now: the recorded inventory plus pending ids the target holds with
   * its mark, or, when the inventory is lost or corrupt, every marked resource on the target.
   *
   * @return the ids of the resources this reconciler may prune; observes the target to find them
   */
  public Inventory owned() {
    return ownedIn(target.observe());
  }

  /**
   * Whether reconciling {@code desired} would be refused a prune because it is empty while this
   * reconciler owns resources, and {@link Builder#allowEmpty} is not set.
   *
   * @param desired the desired state about to be reconciled
   * @return true if it is empty, prune is on in the configured options, {@link Builder#allowEmpty}
   *     is off and something is owned; observes the target
   */
  public boolean refusesEmpty(DesiredState desired) {
    return refusesEmpty(desired, options);
  }

  /**
   * As {@link #refusesEmpty(DesiredState)}, for a call planned with other options.
   *
   * @param desired the desired state about to be reconciled
   * @param with the options the call plans with (their {@code prune} decides)
   * @return true if it is empty, {@code with} prunes, {@link Builder#allowEmpty} is off and
   *     something is owned; observes the target
   */
  public boolean refusesEmpty(DesiredState desired, PlanOptions with) {
    return !allowEmpty && with.prune() && desired.size() == 0 && !owned().ids().isEmpty();
  }

  /**
   * Plans with the ownership mark on every desired document, three ways (with the last-applied
   * documents of the state store), with the target's normalizer and immutable fields added to
   * {@code with}; prunes only owned, marked ones.
   */
  private Plan planAgainst(DesiredState desired, ActualState actual, PlanOptions with) {
    Inventory owned = ownedIn(actual);
    DesiredState marked = ownership.markAll(desired);
    PlanOptions opts = with.withNormalizer(targetNormalizer);
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    for (ResourceId id : desired.resources().keySet()) {
      kinds.add(id.kind());
    }
    for (String kind : kinds) {
      Seq<String> immutable = target.immutableFields(kind);
      if (!immutable.isEmpty()) {
        opts = opts.withImmutableFields(kind, immutable);
      }
    }
    if (opts.prune() && desired.size() == 0 && !owned.ids().isEmpty() && !allowEmpty) {
      LOG.warn(
          "the desired state at {} is empty: not pruning the {} resources owned on {} (allowEmpty"
              + " is off)",
          desired.revision(),
          owned.ids().size(),
          target.describe());
      opts = opts.withPrune(false);
    }
    Inventory prunable =
        new Inventory(owned.ids().filter(id -> actual.get(id).exists(ownership::isMarked)));
    return planner.plan(marked, actual, prunable, state.lastAppliedDocuments(), opts);
  }

  private Inventory ownedIn(ActualState actual) {
    if (!state.inventoryIntact()) {
      SortedSet<ResourceId> marked = ownership.markedIn(actual);
      if (!marked.isEmpty()) {
        LOG.warn(
            "no readable inventory in the state store: rebuilt ownership of {} resources from the"
                + " '{}' marks on {}",
            marked.size(),
            ownership.owner(),
            target.describe());
      }
      return new Inventory(marked);
    }
    return ownedBy(id -> actual.get(id));
  }

  private Inventory ownedBy(java.util.function.Function<ResourceId, Option<Node.Obj>> lookup) {
    if (!state.inventoryIntact()) {
      return ownedIn(target.observe());
    }
    Inventory recorded = state.inventory();
    SortedSet<ResourceId> written =
        recorded.pending().filter(id -> lookup.apply(id).exists(ownership::isMarked));
    return new Inventory(recorded.ids().addAll(written));
  }

  /** Holds the in-process run lock for a try-with-resources block. */
  private static final class RunLock implements AutoCloseable {
    private final java.util.concurrent.locks.ReentrantLock lock;

    RunLock(java.util.concurrent.locks.ReentrantLock lock) {
      this.lock = lock;
      lock.lock();
    }

    @Override
    public void close() {
      lock.unlock();
    }
  }

  /** Configures a {@link DefaultReconciler}; validates at {@link #build()}. */
  public static final class Builder {
    private @Nullable Target target;
    private @Nullable Planner planner;
    private String owner = "gitops4j";
    private boolean allowEmpty;
    private Duration lockTimeout = Duration.ofSeconds(30);
    private StateStore state = new InMemoryStateStore();
    private PlanOptions options = PlanOptions.DEFAULTS;
    private Seq<GitOpsListener> listeners = List.empty();
    private @Nullable Clock clock;
    private @Nullable Scheduler scheduler;
    private Rollout rollout = Rollout.DEFAULT;
    private Rollback rollback = Rollback.none();
    private HistoryStore history = InMemoryHistoryStore.create();
    private HealthChecks healthChecks = HealthChecks.byTarget();
    private Function<Revision, Option<DesiredState>> revisions = r -> Option.none();
    private boolean selfHeal;
    private boolean dryRun;
    private long seed = 1;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * The name written in the ownership mark of every resource (default {@code gitops4j}). Give
     * each reconciler sharing one target its own name.
     *
     * @param value the owner name, 1 to 63 characters and not blank; resources marked with another
     *     owner are never pruned
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank or longer than 63 characters
     */
    public Builder owner(String value) {
      Objects.requireNonNull(value, "owner");
      if (value.isBlank() || value.length() > 63) {
        throw new IllegalArgumentException("owner must be 1 to 63 characters, not '" + value + "'");
      }
      this.owner = value;
      return this;
    }

    /**
     * Whether an empty desired state may prune everything this reconciler owns (default false: an
     * empty desired state prunes nothing, as Argo CD's {@code allowEmpty}).
     *
     * @param value true to let an empty desired state prune every owned resource
     * @return this builder
     */
    public Builder allowEmpty(boolean value) {
      this.allowEmpty = value;
      return this;
    }

    /**
     * How long a reconcile waits for another run to release the state (default 30 s).
     *
     * @param value the longest wait for the state store's lock; zero does not wait, never negative
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Builder lockTimeout(Duration value) {
      Objects.requireNonNull(value, "lockTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException("lockTimeout must not be negative, not " + value);
      }
      this.lockTimeout = value;
      return this;
    }

    /**
     * The target to reconcile (required).
     *
     * @param value the system to observe and write to
     * @return this builder
     */
    public Builder target(Target value) {
      this.target = Objects.requireNonNull(value, "target");
      return this;
    }

    /**
     * Another planner than {@link DefaultPlanner}.
     *
     * @param value the planner used for every plan; it should check preconditions with {@link
     *     #fingerprints()} of the built reconciler
     * @return this builder
     */
    public Builder planner(Planner value) {
      this.planner = Objects.requireNonNull(value, "planner");
      return this;
    }

    /**
     * Where the inventory and history live (default: in memory).
     *
     * @param value the store for the owned inventory, last-applied documents, fingerprint key and
     *     lock
     * @return this builder
     */
    public Builder stateStore(StateStore value) {
      this.state = Objects.requireNonNull(value, "stateStore");
      return this;
    }

    /**
     * Planning options (default: prune on).
     *
     * @param value the default options for planning and drift
     * @return this builder
     */
    public Builder options(PlanOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /**
     * Adds a listener for every event.
     *
     * @param value called synchronously for each event; an exception it throws is logged and
     *     ignored
     * @return this builder
     */
    public Builder listener(GitOpsListener value) {
      this.listeners = listeners.append(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * The clock for event times and durations (default: the scheduler's clock, else system UTC). A
     * clock that is also a {@link Scheduler} becomes the scheduler too unless one is set.
     *
     * @param value the clock to read event times from
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How to wait between attempts (default: {@link Scheduler#system()}, real sleeping).
     *
     * @param value the scheduler for retries, health waits, rate limits and lock waits
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * How plans are rolled out: strategy, parallelism, retries, health gates (default: waves).
     *
     * @param value the rollout settings for every apply; its rate limit, if any, is shared by every
     *     run of this reconciler
     * @return this builder
     */
    public Builder rollout(Rollout value) {
      this.rollout = Objects.requireNonNull(value, "rollout");
      return this;
    }

    /**
     * What to do when a change or health gate fails (default: {@link Rollback#none()}).
     *
     * @param value the rollback policy applied when a change or a health gate fails
     * @return this builder
     */
    public Builder rollback(Rollback value) {
      this.rollback = Objects.requireNonNull(value, "rollback");
      return this;
    }

    /**
     * Where the reconcile history, failed marks and suspension live (default: in memory).
     *
     * @param value the store for reconcile records, failed marks and suspension
     * @return this builder
     */
    public Builder history(HistoryStore value) {
      this.history = Objects.requireNonNull(value, "history");
      return this;
    }

    /**
     * How health is decided per kind (default: ask the target).
     *
     * @param value the health check for each kind, the target deciding for the others
     * @return this builder
     */
    public Builder healthChecks(HealthChecks value) {
      this.healthChecks = Objects.requireNonNull(value, "healthChecks");
      return this;
    }

    /**
     * Where a rollback finds the desired state of an earlier revision (the facade loads it from the
     * repository). Without it, the reconciler remembers the last good desired state it applied.
     *
     * @param value gives the desired state of a commit, or none when it cannot be loaded any more
     * @return this builder
     */
    public Builder revisions(Function<Revision, Option<DesiredState>> value) {
      this.revisions = Objects.requireNonNull(value, "revisions");
      return this;
    }

    /**
     * Whether a reconcile reverts drift: differences found while the target is at the revision
     * being reconciled (default off: drift is reported as {@link GitOpsEvent.DriftDetected} and
     * left alone; a new revision is always applied in full).
     *
     * @param value true to revert drift, false to only report it
     * @return this builder
     */
    public Builder selfHeal(boolean value) {
      this.selfHeal = value;
      return this;
    }

    /**
     * Go through the whole flow (plan, preconditions, steps, events) without writing anything.
     *
     * @param value true to compute and report everything while writing nothing to the target or the
     *     state
     * @return this builder
     */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /**
     * The seed of the retry jitter (default 1), so that runs in virtual time are reproducible.
     *
     * @param value the seed of the retry jitter's generator
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Runs parallel changes (default: a pool of {@link Rollout#maxParallel()} daemon threads for
     * each wave that needs one).
     *
     * @param value runs the changes of a wave in parallel when the rollout allows more than one at
     *     a time
     * @return this builder
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * The reconciler.
     *
     * @return a new reconciler; nothing is observed or written until it is used
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
