package dev.gitops4j.core;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.event.GitOpsListener;
import dev.gitops4j.api.health.HealthCheck;
import dev.gitops4j.api.history.HistoryStore;
import dev.gitops4j.api.history.StateStore;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.PlanOptions;
import dev.gitops4j.api.plan.Planner;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.api.reconcile.DriftReport;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.reconcile.Reconciler;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.api.rollout.Rollout;
import dev.gitops4j.api.secrets.DocumentDecryptor;
import dev.gitops4j.api.secrets.SecretProvider;
import dev.gitops4j.api.source.Repository;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.health.HealthChecks;
import dev.gitops4j.core.history.FileHistoryStore;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.history.InMemoryHistoryStore;
import dev.gitops4j.core.history.InMemoryStateStore;
import dev.gitops4j.core.load.ManifestLoader;
import dev.gitops4j.core.plan.DefaultPlanner;
import dev.gitops4j.core.plan.PlanSettings;
import dev.gitops4j.core.plan.SavedPlan;
import dev.gitops4j.core.policy.RepositoryConfig;
import dev.gitops4j.core.secrets.SecretResolver;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fluent entry point: wires a {@link Repository}, a loader, policies, a {@link Target} and a
 * {@link StateStore} into one object that validates, plans and reconciles the configured ref.
 *
 * <pre>{@code
 * GitOps gitops = GitOps.builder()
 *     .repository(GitRepository.local(Path.of("infra")).branch("main").path("prod"))
 *     .target(DirectoryTarget.at(Path.of("/var/lib/app/config")))
 *     .stateStore(FileStateStore.at(Path.of("/var/lib/app/.gitops4j")))
 *     .build();
 * Validation<Seq<Problem>, Plan> plan = gitops.plan();          // touches nothing
 * Validation<Seq<Problem>, ReconcileResult> result = gitops.reconcile();
 * }</pre>
 *
 * <p>Problems in the input come back as values and nothing is touched; failures while applying are
 * in the {@link ReconcileResult}.
 */
public final class GitOps implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitOps.class);
  private final Repository repository;
  private final ManifestLoader loader;

  /** The snapshot read last, so the next one is read (and loaded) as a difference from it. */
  private final java.util.concurrent.atomic.AtomicReference<@Nullable Snapshot> lastSnapshot =
      new java.util.concurrent.atomic.AtomicReference<>();

  private final Seq<Policy> policies;
  private final Option<DefaultReconciler> reconciler;
  private final Seq<GitOpsListener> listeners;
  private final Clock clock;
  private final Scheduler scheduler;
  private final SecretResolver secrets;
  private final Seq<DocumentDecryptor> decryptors;
  private final Option<Target> target;
  private final java.util.Map<String, PlanSettings> configs =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, PlanSettings> eldest) {
              return size() > 16;
            }
          });

  private GitOps(Builder b) {
    this.repository = Objects.requireNonNull(b.repository, "repository");
    this.loader = b.variables.isEmpty() ? b.loader : b.loader.withVariables(b.variables);
    this.policies = List.ofAll(b.policies);
    this.listeners = List.ofAll(b.listeners);
    this.scheduler = schedulerOf(b.scheduler, b.clock);
    this.clock = b.clock != null ? b.clock : scheduler.clock();
    this.decryptors = List.ofAll(b.decryptors);
    this.target = Option.of(b.target);
    this.secrets = new SecretResolver(List.ofAll(b.providers), decryptors);
    if (b.target == null) {
      this.reconciler = Option.none();
    } else {
      DefaultReconciler.Builder r =
          DefaultReconciler.builder()
              .target(b.target)
              .stateStore(b.stateStore)
              .options(b.options)
              .clock(clock)
              .scheduler(scheduler)
              .rollout(b.rollout)
              .rollback(b.rollback)
              .history(historyOf(b))
              .healthChecks(b.healthChecks)
              .selfHeal(b.selfHeal)
              .dryRun(b.dryRun)
              .revisions(rev -> validate(rev).toOption())
              .owner(b.owner)
              .allowEmpty(b.allowEmpty)
              .lockTimeout(b.lockTimeout);
      if (b.planner != null) {
        r.planner(b.planner);
      }
      b.listeners.forEach(r::listener);
      this.reconciler = Option.of(r.build());
    }
  }

  /**
   * A new builder; {@link Builder#repository} is required.
   *
   * @return an empty builder with the defaults documented on each of its setters
   */
  public static Builder builder() {
    return new Builder();
  }

  static Scheduler schedulerOf(@Nullable Scheduler scheduler, @Nullable Clock clock) {
    if (scheduler != null) {
      return scheduler;
    }
    if (clock instanceof Scheduler s) {
      return s;
    }
    return clock == null ? Scheduler.system() : Scheduler.system(clock);
  }

  /**
   * The repository this instance reads.
   *
   * @return the repository given to {@link Builder#repository}, still open until {@link #close()}
   */
  public Repository repository() {
    return repository;
  }

  /**
   * Resolves the configured ref and loads, composes and validates its desired state, touching
   * nothing. Every problem is returned at once.
   *
   * @return the validated desired state with secrets resolved, or every problem found (an
   *     unresolvable ref is one problem)
   */
  public Validation<Seq<Problem>, DesiredState> validate() {
    return repository.resolve().fold(p -> Validation.invalid(List.of(p)), this::validate);
  }

  /**
   * Loads and validates the desired state at one revision: manifests, policies, then secrets
   * (encrypted manifests and references), so a missing key is a problem before anything is touched.
   *
   * @param revision the commit to check out, usually one resolved by {@link #repository()}; its
   *     repository configuration file is read too and remembered for planning that commit
   * @return the validated desired state with secrets resolved, or every problem found
   */
  public Validation<Seq<Problem>, DesiredState> validate(Revision revision) {
    Snapshot previous = lastSnapshot.get();
    Either<Problem, Snapshot> snapshot =
        previous == null ? repository.checkout(revision) : repository.checkout(revision, previous);
    if (snapshot.isLeft()) {
      return Validation.invalid(List.of(snapshot.getLeft()));
    }
    lastSnapshot.set(snapshot.get());
    Validation<Seq<Problem>, RepositoryConfig.Settings> config =
        RepositoryConfig.load(snapshot.get());
    Validation<Seq<Problem>, DesiredState> loaded = loader.load(snapshot.get(), decryptors);
    if (config.isInvalid() || loaded.isInvalid()) {
      Seq<Problem> problems =
          (config.isInvalid() ? config.getError() : List.<Problem>empty())
              .appendAll(loaded.isInvalid() ? loaded.getError() : List.empty());
      return Validation.invalid(problems);
    }
    configs.put(revision.commit(), config.get().plan());
    Seq<Policy> all = policies.appendAll(config.get().policies());
    return checkTargetNames(loaded.get())
        .flatMap(state -> checkPolicies(state, all))
        .flatMap(state -> secrets.resolve(state, snapshot.get()));
  }

  /**
   * Loads, composes and substitutes the desired state at the configured ref, in output order (plain
   * files by path, kustomizations in {@code kustomize build} order), after the same checks as
   * {@link #validate()} and with secrets resolved (they print redacted). This is what {@code
   * gitops4j render} prints.
   *
   * @return the resources in output order, or every problem found (nothing is rendered then)
   */
  public Validation<Seq<Problem>, Seq<dev.gitops4j.api.model.Resource>> render() {
    Either<Problem, Revision> revision = repository.resolve();
    if (revision.isLeft()) {
      return Validation.invalid(List.of(revision.getLeft()));
    }
    Either<Problem, Snapshot> snapshot = repository.checkout(revision.get());
    if (snapshot.isLeft()) {
      return Validation.invalid(List.of(snapshot.getLeft()));
    }
    Validation<Seq<Problem>, DesiredState> valid = validate(revision.get());
    if (valid.isInvalid()) {
      return Validation.invalid(valid.getError());
    }
    DesiredState state = valid.get();
    return loader
        .render(snapshot.get())
        .map(order -> order.map(r -> state.get(r.id()).getOrElse(r)));
  }

  /**
   * Validates the configured ref and plans it against what the target holds now. Touches nothing.
   *
   * @return the plan, with the planning options of the builder adjusted by the repository's
   *     configuration, or the problems that keep it from being made (including an empty desired
   *     state while resources are owned, unless {@link Builder#allowEmpty} is set)
   * @throws IllegalStateException if no target was configured
   */
  public Validation<Seq<Problem>, Plan> plan() {
    DefaultReconciler r = requireReconciler();
    return plan(r.options());
  }

  /**
   * As {@link #plan()}, with other planning options for this call only.
   *
   * @param options replaces the builder's {@link Builder#planOptions} for this call; the
   *     repository's configuration still adjusts them
   * @return the plan, or the problems that keep it from being made
   * @throws IllegalStateException if no target was configured
   */
  public Validation<Seq<Problem>, Plan> plan(PlanOptions options) {
    DefaultReconciler r = requireReconciler();
    return validate()
        .flatMap(d -> refuseEmpty(d, planOptions(d, options)))
        .map(d -> r.plan(d, planOptions(d, options)));
  }

  /**
   * Plans a desired state this instance validated ({@link #validate(Revision)}) as {@link #plan()}
   * would: with the builder's plan options as that revision's {@code gitops4j.yaml} adjusts them,
   * and an empty desired state refused while resources are owned. The pre-receive hook of {@link
   * dev.gitops4j.core.trigger.GitServer} plans each push this way.
   *
   * @param desired a desired state returned by {@link #validate(Revision)} of this instance
   * @return the plan, or the problem that keeps it from being made
   * @throws IllegalStateException if no target was configured
   */
  public Validation<Seq<Problem>, Plan> plan(DesiredState desired) {
    DefaultReconciler r = requireReconciler();
    PlanOptions options = planOptions(desired, r.options());
    return refuseEmpty(desired, options).map(d -> r.plan(d, options));
  }

  /**
   * An empty desired state (a path that loads no resource) while the reconciler owns resources is a
   * problem unless {@link Builder#allowEmpty} is set: pruning everything is never a default.
   */
  private Validation<Seq<Problem>, DesiredState> refuseEmpty(
      DesiredState desired, PlanOptions options) {
    DefaultReconciler r = requireReconciler();
    if (desired.size() > 0 || !r.refusesEmpty(desired, options)) {
      return Validation.valid(desired);
    }
    int owned = r.owned().ids().size();
    return Validation.invalid(
        List.of(
            Problem.general(
                repository.describe(),
                "empty-desired-state",
                "the desired state at "
                    + desired.revision().shortId()
                    + " has no resources, but "
                    + owned
                    + " resources on "
                    + r.target().describe()
                    + " are owned: refusing to prune them all (allow it explicitly with"
                    + " allowEmpty, or --allow-empty)")));
  }

  /**
   * The plan as a reviewable artefact for this target ({@link SavedPlan#toJson()} gives the
   * deterministic file), to be applied later with {@link #apply(SavedPlan, boolean)}.
   *
   * @param plan a plan made by {@link #plan()} of this instance
   * @return the plan bound to this instance's target, so that it cannot be applied elsewhere
   * @throws IllegalStateException if no target was configured
   */
  public SavedPlan save(Plan plan) {
    return SavedPlan.of(plan, requireReconciler().target().describe());
  }

  /**
   * Applies a saved plan: refuses (as problems, touching nothing) a plan made for another target or
   * from a revision the repository does not have; re-plans that revision against the target as it
   * is now and applies only the changes identical to the saved ones. A saved change that no longer
   * holds is refused; with {@code partial} the changes that still hold are applied anyway,
   * otherwise nothing is.
   *
   * @param saved a plan saved by {@link #save(Plan)}, usually read back from its JSON file after
   *     review
   * @param partial whether to apply the changes that still hold when some no longer do (false: all
   *     or nothing)
   * @return the changes refused and the result of applying the rest (none when nothing was
   *     applied), or the problems that keep the plan from being applied at all
   * @throws IllegalStateException if no target was configured
   */
  public Validation<Seq<Problem>, SavedPlan.Outcome> apply(SavedPlan saved, boolean partial) {
    DefaultReconciler r = requireReconciler();
    String here = r.target().describe();
    if (!saved.target().equals(here)) {
      return Validation.invalid(
          List.of(
              Problem.general(
                  "plan",
                  "plan-target",
                  "the plan was made for " + saved.target() + ", not for " + here)));
    }
    Either<Problem, Revision> revision = repository.resolve(saved.commit());
    if (revision.isLeft() || !revision.get().commit().equals(saved.commit())) {
      return Validation.invalid(
          List.of(
              Problem.general(
                  "plan",
                  "plan-revision",
                  "the plan was made from revision "
                      + saved.commit()
                      + ", which "
                      + repository.describe()
                      + " does not have")));
    }
    return validate(revision.get())
        .map(
            desired -> {
              var checked = saved.check(r.plan(desired, planOptions(desired, r.options())));
              boolean go = checked._2.isEmpty() || partial;
              return new SavedPlan.Outcome(
                  checked._2, go ? Option.of(r.apply(checked._1)) : Option.none());
            });
  }

  /**
   * Validates the configured ref, then observes, plans and applies it. With problems in the input,
   * nothing is touched and the problems are returned; so with an empty desired state while
   * resources are owned, unless {@link Builder#allowEmpty} is set.
   *
   * @return what was applied and how it ended (failures while applying are in the result), or the
   *     problems in the input, which are also sent to the listeners as a {@code ValidationFailed}
   *     event
   * @throws IllegalStateException if no target was configured
   * @throws dev.gitops4j.api.history.StateBusyException if another run holds the state store
   */
  public Validation<Seq<Problem>, ReconcileResult> reconcile() {
    return reconcile(requireReconciler().options());
  }

  /**
   * As {@link #reconcile()}, with other planning options for this call only.
   *
   * @param options replaces the builder's {@link Builder#planOptions} for this call; the
   *     repository's configuration still adjusts them
   * @return what was applied and how it ended, or the problems in the input, which are also sent to
   *     the listeners as a {@code ValidationFailed} event
   * @throws IllegalStateException if no target was configured
   * @throws dev.gitops4j.api.history.StateBusyException if another run holds the state store
   */
  public Validation<Seq<Problem>, ReconcileResult> reconcile(PlanOptions options) {
    DefaultReconciler r = requireReconciler();
    Either<Problem, Revision> revision = repository.resolve();
    if (revision.isLeft()) {
      return Validation.invalid(List.of(revision.getLeft()));
    }
    Validation<Seq<Problem>, DesiredState> desired =
        validate(revision.get()).flatMap(d -> refuseEmpty(d, planOptions(d, options)));
    if (desired.isInvalid()) {
      GitOpsEvent event =
          new GitOpsEvent.ValidationFailed(clock.instant(), revision.get(), desired.getError());
      for (GitOpsListener l : listeners) {
        try {
          l.onEvent(event);
        } catch (RuntimeException e) {
          LOG.warn("listener {} failed on ValidationFailed: {}", l, e.toString());
        }
      }
      return Validation.invalid(desired.getError());
    }
    return Validation.valid(r.reconcile(desired.get(), planOptions(desired.get(), options)));
  }

  /**
   * Applies a plan made earlier by {@link #plan()}; changes whose target moved since then fail.
   *
   * @param plan a plan made by this instance, not re-validated: it is applied as it stands
   * @return what was applied, what failed (stale changes among them) and the health reached
   * @throws IllegalStateException if no target was configured
   */
  public ReconcileResult apply(Plan plan) {
    return requireReconciler().apply(plan);
  }

  /**
   * The clock events, the journal and every wait read their time from.
   *
   * @return the builder's clock, else the scheduler's
   */
  public Clock clock() {
    return clock;
  }

  /**
   * How this instance waits (retries, health checks, locks, polling).
   *
   * @return the builder's scheduler, else the clock if it is one, else the system scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  private static HistoryStore historyOf(Builder b) {
    if (b.history != null) {
      return b.history;
    }
    return b.stateStore instanceof FileStateStore f
        ? FileHistoryStore.at(f.dir())
        : InMemoryHistoryStore.create();
  }

  /**
   * Where the target differs from the configured ref, field by field, secrets redacted. Touches
   * nothing.
   *
   * @return the drift found (empty when the target matches), or the problems in the input
   * @throws IllegalStateException if no target was configured
   */
  public Validation<Seq<Problem>, DriftReport> drift() {
    DefaultReconciler r = requireReconciler();
    return validate().map(r::drift);
  }

  /**
   * Rolls the target back by hand to {@code ref}, a revision applied to it before, and marks the
   * revision it leaves failed, so that the rollback sticks until a newer commit arrives.
   *
   * @param ref a branch, tag or commit id (full or abbreviated) that the repository resolves
   * @return the result of applying that revision, or the problems resolving or validating it
   * @throws IllegalStateException if no target was configured
   * @throws IllegalArgumentException if that revision was never applied to the target
   */
  public Validation<Seq<Problem>, ReconcileResult> rollbackTo(String ref) {
    DefaultReconciler r = requireReconciler();
    Either<Problem, Revision> revision = repository.resolve(ref);
    if (revision.isLeft()) {
      return Validation.invalid(List.of(revision.getLeft()));
    }
    return validate(revision.get()).map(r::rollbackTo);
  }

  /**
   * The reconcile history of the target, its failed marks and suspension.
   *
   * @return the builder's history store, else the one beside a {@link FileStateStore}, else the
   *     in-memory one
   * @throws IllegalStateException if no target was configured
   */
  public HistoryStore history() {
    return requireReconciler().history();
  }

  /**
   * The reconciler, for callers that hold a desired state of their own.
   *
   * @return the reconciler wired with this instance's settings, or none without a target
   */
  public Option<Reconciler> reconciler() {
    return reconciler.map(r -> r);
  }

  private DefaultReconciler requireReconciler() {
    return reconciler.getOrElseThrow(
        () ->
            new IllegalStateException(
                "this GitOps has no target: call target(...) on the builder"));
  }

  /** The target's own name rules, so that nothing valid fails at apply. */
  private Validation<Seq<Problem>, DesiredState> checkTargetNames(DesiredState state) {
    if (target.isEmpty()) {
      return Validation.valid(state);
    }
    java.util.List<Problem> problems = new ArrayList<>();
    for (Resource r : state.resources().values()) {
      for (String why : target.get().checkId(r.id())) {
        problems.add(
            Problem.of(r, "target-name", target.get().describe() + " cannot hold it: " + why));
      }
    }
    return problems.isEmpty() ? Validation.valid(state) : Validation.invalid(List.ofAll(problems));
  }

  private PlanOptions planOptions(DesiredState desired, PlanOptions options) {
    @Nullable PlanSettings config = configs.get(desired.revision().commit());
    return config == null ? options : config.applyTo(options);
  }

  private static Validation<Seq<Problem>, DesiredState> checkPolicies(
      DesiredState state, Seq<Policy> all) {
    Seq<Problem> problems = all.flatMap(p -> p.check(state));
    return problems.isEmpty() ? Validation.valid(state) : Validation.invalid(problems);
  }

  /** Closes the repository (its Git objects and any temporary clone); the target is left open. */
  @Override
  public void close() {
    repository.close();
  }

  /** Configures a {@link GitOps}; validates at {@link #build()}. */
  public static final class Builder {
    private @Nullable Repository repository;
    private ManifestLoader loader = ManifestLoader.create();
    private io.vavr.collection.Map<String, String> variables = io.vavr.collection.TreeMap.empty();
    private final java.util.List<Policy> policies = new ArrayList<>();
    private final java.util.List<GitOpsListener> listeners = new ArrayList<>();
    private final java.util.List<SecretProvider> providers = new ArrayList<>();
    private final java.util.List<DocumentDecryptor> decryptors = new ArrayList<>();
    private @Nullable Target target;
    private StateStore stateStore = new InMemoryStateStore();
    private PlanOptions options = PlanOptions.DEFAULTS;
    private Rollout rollout = Rollout.DEFAULT;
    private Rollback rollback = Rollback.none();
    private @Nullable HistoryStore history;
    private HealthChecks healthChecks = HealthChecks.byTarget();
    private boolean selfHeal;
    private boolean dryRun;
    private @Nullable Planner planner;
    private @Nullable Clock clock;
    private @Nullable Scheduler scheduler;
    private String owner = "gitops4j";
    private boolean allowEmpty;
    private java.time.Duration lockTimeout = java.time.Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The name in the ownership mark written with every resource (default {@code gitops4j}); give
     * each instance sharing one target its own.
     *
     * @param value the owner name, not empty in practice; resources marked with another owner are
     *     never pruned
     * @return this builder
     */
    public Builder owner(String value) {
      this.owner = Objects.requireNonNull(value, "owner");
      return this;
    }

    /**
     * Whether a revision that declares no resource may prune everything owned (default false: it is
     * a problem, {@code empty-desired-state}, and nothing is touched).
     *
     * @param value true to let an empty revision prune every owned resource
     * @return this builder
     */
    public Builder allowEmpty(boolean value) {
      this.allowEmpty = value;
      return this;
    }

    /**
     * How long a reconcile waits for another run to release the state store (default 30 s).
     *
     * @param value the longest wait for the state store's lock before the run fails with a busy
     *     error
     * @return this builder
     */
    public Builder lockTimeout(java.time.Duration value) {
      this.lockTimeout = Objects.requireNonNull(value, "lockTimeout");
      return this;
    }

    /**
     * The system to keep in line with Git; needed for plan and reconcile.
     *
     * @param value the target to plan against and apply to
     * @return this builder
     * @throws IllegalStateException if a target was already set
     */
    public Builder target(Target value) {
      if (target != null) {
        throw new IllegalStateException("target was already set to " + target.describe());
      }
      this.target = Objects.requireNonNull(value, "target");
      return this;
    }

    /**
     * Where the inventory and history live (default: in memory, lost with the process).
     *
     * @param value the store for the inventory of owned resources and the last applied revision;
     *     use a {@link FileStateStore} to survive restarts
     * @return this builder
     */
    public Builder stateStore(StateStore value) {
      this.stateStore = Objects.requireNonNull(value, "stateStore");
      return this;
    }

    /**
     * How plans are rolled out: strategy, parallelism, per-change timeout, retries, rate limit,
     * health gates (default {@link Rollout#DEFAULT}: waves, one at a time).
     *
     * @param value the rollout settings for every apply
     * @return this builder
     */
    public Builder rollout(Rollout value) {
      this.rollout = Objects.requireNonNull(value, "rollout");
      return this;
    }

    /**
     * What a failed change or health gate leads to (default {@link Rollback#none()}); {@link
     * Rollback#toLastKnownGood()} goes back to the last good revision and pins it.
     *
     * @param value the rollback policy applied when a change or a health gate fails
     * @return this builder
     */
    public Builder rollback(Rollback value) {
      this.rollback = Objects.requireNonNull(value, "rollback");
      return this;
    }

    /**
     * Where the reconcile history lives (default: beside a {@link FileStateStore}, else in memory).
     *
     * @param value the store for reconcile records, failed marks and suspension
     * @return this builder
     */
    public Builder history(HistoryStore value) {
      this.history = Objects.requireNonNull(value, "history");
      return this;
    }

    /**
     * Decides the health of resources of {@code kind}; other kinds ask the target.
     *
     * @param kind the resource kind this check decides for, such as {@code Deployment}; a later
     *     call for the same kind replaces the earlier check
     * @param check decides whether a resource of that kind is healthy after it is applied
     * @return this builder
     */
    public Builder healthCheck(String kind, HealthCheck check) {
      this.healthChecks = healthChecks.with(kind, check);
      return this;
    }

    /**
     * Revert drift found while the target is at the reconciled revision (default: report only).
     *
     * @param value true to revert drift on the next reconcile, false to only report it
     * @return this builder
     */
    public Builder selfHeal(boolean value) {
      this.selfHeal = value;
      return this;
    }

    /**
     * Go through the whole reconcile without writing to the target or the state (default off).
     *
     * @param value true to compute and report everything while writing nothing
     * @return this builder
     */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /**
     * Another planner than the built-in three-way {@link DefaultPlanner}.
     *
     * @param value the planner used instead of the default for every plan
     * @return this builder
     */
    public Builder planner(Planner value) {
      this.planner = Objects.requireNonNull(value, "planner");
      return this;
    }

    /**
     * Planning options (default: prune owned resources that Git no longer declares).
     *
     * @param value the default options for {@link GitOps#plan()} and {@link GitOps#reconcile()};
     *     the repository's configuration file may adjust them per revision
     * @return this builder
     */
    public Builder planOptions(PlanOptions value) {
      this.options = Objects.requireNonNull(value, "planOptions");
      return this;
    }

    /**
     * Resolves {@code ${secret:SCHEME:KEY}} references of the provider's scheme; a provider that is
     * also a {@link DocumentDecryptor} (such as SOPS) decrypts encrypted manifests too. May be
     * called several times.
     *
     * @param value a provider for one reference scheme, such as {@code env} or {@code sops}
     * @return this builder
     */
    public Builder secrets(SecretProvider value) {
      providers.add(Objects.requireNonNull(value, "secrets"));
      if (value instanceof DocumentDecryptor d) {
        decryptors.add(d);
      }
      return this;
    }

    /**
     * Decrypts manifests encrypted as a whole.
     *
     * @param value a decryptor tried on every manifest that is encrypted as a whole; may be called
     *     several times
     * @return this builder
     */
    public Builder decryptor(DocumentDecryptor value) {
      decryptors.add(Objects.requireNonNull(value, "decryptor"));
      return this;
    }

    /**
     * Receives every event; may be called several times.
     *
     * @param value a listener called synchronously for each event; an exception it throws is logged
     *     and ignored
     * @return this builder
     */
    public Builder listener(GitOpsListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * The clock for events, the journal and deadlines (default: the scheduler's clock, else system
     * UTC). A clock that is also a {@link Scheduler} (the testkit's {@code VirtualClock}) becomes
     * the scheduler too unless one is set.
     *
     * @param value the clock to read time from
     * @return this builder
     */
    public Builder clock(Clock value) {
      if (clock != null) {
        throw new IllegalStateException("clock was already set to " + clock);
      }
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How the library waits between attempts: retry backoff, health polling, lock waits (default:
     * {@link Scheduler#system()}, real sleeping). Tests pass the testkit's {@code VirtualClock} so
     * that waits take no wall-clock time. Its clock is used unless {@link #clock} is set.
     *
     * @param value the scheduler for every wait
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      if (scheduler != null) {
        throw new IllegalStateException("scheduler was already set to " + scheduler);
      }
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * Where the desired state lives (required).
     *
     * @param value the repository to read, closed by {@link GitOps#close()}
     * @return this builder
     */
    public Builder repository(Repository value) {
      if (repository != null) {
        throw new IllegalStateException("repository was already set to " + repository.describe());
      }
      this.repository = Objects.requireNonNull(value, "repository");
      return this;
    }

    /**
     * A loader with other limits than the defaults.
     *
     * @param value the loader used for every revision; {@link #variable} values are added to it at
     *     build
     * @return this builder
     */
    public Builder loader(ManifestLoader value) {
      this.loader = Objects.requireNonNull(value, "loader");
      return this;
    }

    /**
     * A variable for substitution after composition ({@code ${NAME}}, see {@link
     * dev.gitops4j.core.compose.Substitution}); overrides a value from the repository.
     *
     * @param name the variable name: letters, digits and {@code _}, not starting with a digit
     * @param value the text it expands to; may be empty
     * @return this builder
     * @throws IllegalArgumentException if the name is not a variable name
     * @throws IllegalStateException if the name was already set
     */
    public Builder variable(String name, String value) {
      Objects.requireNonNull(value, "value");
      if (variables.containsKey(name)) {
        throw new IllegalStateException(
            "variable "
                + name
                + " was already set to "
                + variables.get(name).get().length()
                + " characters");
      }
      dev.gitops4j.core.compose.Substitution.of(io.vavr.collection.HashMap.of(name, value));
      variables = variables.put(name, value);
      return this;
    }

    /**
     * Several variables at once (see {@link #variable}).
     *
     * @param values variable names to values, added in name order
     * @return this builder
     * @throws IllegalArgumentException if a name is not a variable name
     * @throws IllegalStateException if a name was already set
     */
    public Builder variables(java.util.Map<String, String> values) {
      new java.util.TreeMap<>(values).forEach(this::variable);
      return this;
    }

    /**
     * A rule every load must pass; may be called several times.
     *
     * @param value a policy checked after loading, before secrets are resolved; the repository's
     *     own policies are added to it
     * @return this builder
     */
    public Builder policy(Policy value) {
      policies.add(Objects.requireNonNull(value, "policy"));
      return this;
    }

    /**
     * The configured instance.
     *
     * @return a new instance; its reconciler exists only when a target was set
     * @throws IllegalStateException if no repository was set
     */
    public GitOps build() {
      if (repository == null) {
        throw new IllegalStateException("GitOps.builder() needs a repository(...)");
      }
      return new GitOps(this);
    }
  }
}
