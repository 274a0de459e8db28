package dev.gitops4j.core.fleet;

import dev.gitops4j.api.fleet.Coordination;
import dev.gitops4j.api.fleet.FleetEvent;
import dev.gitops4j.api.fleet.Lease;
import dev.gitops4j.api.fleet.LeaseLostException;
import dev.gitops4j.api.fleet.SyncStatus;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.core.GitOps;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One worker of a fleet: many named syncs (each a repository, ref and path reconciled onto a
 * target) kept in line with Git on a schedule. The worker claims due syncs through a {@link
 * Coordination}, reconciles up to {@code parallelism} of them at once, renews their leases while
 * they run, and releases each with its status and next due time. Several workers (threads or
 * processes) sharing one coordination share the syncs; none is reconciled by two at once.
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.builder()
 *     .worker("worker-1")
 *     .sync("tenant-a", Duration.ofMinutes(1), lease -> GitOps.builder()...build())
 *     .build()) {
 *   fleet.start();          // or fleet.runOnce() from a scheduler of your own
 * }
 * }</pre>
 */
public final class Fleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private final String worker;
  private final Coordination coordination;
  private final Scheduler scheduler;
  private final Map<String, Spec> syncs;
  private final int parallelism;
  private final Duration leaseTtl;
  private final Duration pollInterval;
  private final Seq<Consumer<FleetEvent>> listeners;
  private final ExecutorService executor;
  private volatile boolean closed;
  private @Nullable Thread loop;

  private Fleet(Builder b) {
    this.worker = b.worker != null ? b.worker : defaultWorkerName();
    this.scheduler = b.scheduler != null ? b.scheduler : Scheduler.system();
    this.coordination =
        b.coordination != null
            ? b.coordination
            : InProcessCoordination.withClock(scheduler.clock());
    this.syncs = b.syncs;
    this.parallelism = b.parallelism;
    this.leaseTtl = b.leaseTtl;
    this.pollInterval = b.pollInterval;
    this.listeners = Vector.ofAll(b.listeners);
    String name = "gitops4j-fleet-" + worker;
    this.executor =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    coordination.register(syncs.keySet().toVector());
  }

  /**
   * A new builder; at least one {@link Builder#sync} is required.
   *
   * @return a builder with the defaults: 4 at once, 30 s leases, in-process coordination
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This worker's name, as it appears in leases and statuses.
   *
   * @return the name set with {@link Builder#worker}, or host name and process id
   */
  public String worker() {
    return worker;
  }

  /**
   * The names of the syncs this worker can run, in the order they were added.
   *
   * @return the sync names; never empty
   */
  public Seq<String> syncNames() {
    return syncs.keySet().toVector();
  }

  /**
   * The latest status of every sync that has finished an attempt, on any worker.
   *
   * @return one status per sync that has one, as the coordination holds them; syncs never attempted
   *     are missing
   */
  public Seq<SyncStatus> statuses() {
    return coordination.statuses();
  }

  /**
   * Makes a sync due now, for example on a webhook.
   *
   * @param sync the name of the sync, as given to {@link Builder#sync}; any worker sharing the
   *     coordination may run it
   */
  public void trigger(String sync) {
    coordination.trigger(sync);
  }

  /**
   * Claims the syncs that are due now (at most {@code parallelism}), reconciles them in parallel
   * and releases them; returns the statuses of the attempts made, empty when nothing was due.
   *
   * @return the status of each attempt, in claim order; empty when nothing was due
   * @throws InterruptedException if interrupted while waiting for the attempts
   * @throws IllegalStateException if an attempt failed in an unexpected way (a bug, not a failed
   *     reconcile, which is a status)
   */
  public Seq<SyncStatus> runOnce() throws InterruptedException {
    Seq<Lease> leases =
        coordination.claimDue(worker, syncs.keySet().toVector(), parallelism, leaseTtl);
    if (leases.isEmpty()) {
      return Vector.empty();
    }
    java.util.List<Future<SyncStatus>> running = new ArrayList<>();
    java.util.List<Lease> held = new ArrayList<>();
    for (Lease lease : leases) {
      emit(new FleetEvent.SyncClaimed(scheduler.now(), lease));
      held.add(lease);
      running.add(executor.submit(() -> attempt(lease)));
    }
    long renewEveryMillis = Math.max(1, leaseTtl.toMillis() / 3);
    Vector<SyncStatus> done = Vector.empty();
    for (int i = 0; i < running.size(); i++) {
      Future<SyncStatus> f = running.get(i);
      while (true) {
        try {
          done = done.append(f.get(renewEveryMillis, TimeUnit.MILLISECONDS));
          break;
        } catch (TimeoutException e) {
          renewAll(held);
        } catch (ExecutionException e) {
          throw new IllegalStateException("a fleet attempt failed unexpectedly", e.getCause());
        }
      }
    }
    return done;
  }

  /**
   * Runs {@link #runOnce()} in a loop until {@code keepGoing} turns false, sleeping one poll
   * interval on the scheduler whenever nothing was due. A round that fails (the coordination's
   * database unreachable past its retries, say) is logged and the worker carries on after a poll
   * interval: a worker that stopped would leave its share of the fleet to the others for good.
   *
   * @param keepGoing asked before each round; the loop ends when it returns false (or the fleet is
   *     closed)
   * @throws InterruptedException if interrupted
   */
  public void run(BooleanSupplier keepGoing) throws InterruptedException {
    while (keepGoing.getAsBoolean() && !closed) {
      boolean idle;
      try {
        idle = runOnce().isEmpty();
      } catch (RuntimeException e) {
        LOG.warn("fleet worker {}: a round failed, trying again: {}", worker, e.toString());
        idle = true;
      }
      if (idle) {
        scheduler.sleep(pollInterval);
      }
    }
  }

  /**
   * Starts {@link #run} on a daemon thread until {@link #close()}.
   *
   * @throws IllegalStateException if this worker was already started
   */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("fleet worker " + worker + " was already started");
    }
    Thread t =
        new Thread(
            () -> {
              try {
                run(() -> true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                LOG.error("fleet worker {} stopped: {}", worker, e.toString(), e);
              }
            },
            "gitops4j-fleet-loop-" + worker);
    t.setDaemon(true);
    loop = t;
    t.start();
  }

  private void renewAll(java.util.List<Lease> held) {
    for (int i = 0; i < held.size(); i++) {
      Lease lease = held.get(i);
      Option<Lease> renewed;
      try {
        renewed = coordination.renew(lease, leaseTtl);
      } catch (RuntimeException e) {
        // the lease may lapse; every write under it is fenced, so the attempt then loses it
        LOG.warn("fleet worker {}: renewing {} failed: {}", worker, lease.sync(), e.toString());
        continue;
      }
      if (renewed.isDefined()) {
        held.set(i, renewed.get());
      }
    }
  }

  /** Releases the lease with the attempt's status; false when it lapsed or cannot be reached. */
  private boolean released(Lease lease, SyncStatus status, Spec spec) {
    try {
      return coordination.release(lease, status, spec.interval);
    } catch (RuntimeException e) {
      // the lease lapses and another worker runs the sync again
      LOG.warn("fleet worker {}: releasing {} failed: {}", worker, lease.sync(), e.toString());
      return false;
    }
  }

  private SyncStatus attempt(Lease lease) {
    Spec spec = syncs.get(lease.sync()).getOrElseThrow(IllegalStateException::new);
    MDC.put("gitops.sync", lease.sync());
    SyncStatus status;
    try {
      status = reconcile(spec, lease);
    } finally {
      MDC.remove("gitops.sync");
    }
    if (status.outcome() == SyncStatus.Outcome.LEASE_LOST || !released(lease, status, spec)) {
      LOG.warn("fleet worker {}: lease on {} lost, its result is discarded", worker, lease.sync());
      emit(new FleetEvent.LeaseLost(scheduler.now(), lease));
      return status(lease, SyncStatus.Outcome.LEASE_LOST, Option.none(), Option.none());
    }
    emit(new FleetEvent.SyncFinished(scheduler.now(), status));
    return status;
  }

  private SyncStatus reconcile(Spec spec, Lease lease) {
    try (GitOps gitops = spec.factory.open(lease)) {
      Validation<Seq<Problem>, ReconcileResult> result = gitops.reconcile();
      if (result.isInvalid()) {
        Seq<Problem> problems = result.getError();
        String message =
            problems.take(5).mkString("; ")
                + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : "");
        return status(lease, SyncStatus.Outcome.INVALID, Option.none(), Option.of(message));
      }
      ReconcileResult r = result.get();
      Option<String> revision = Option.of(r.revision().commit());
      Option<String> failure = r.failure().map(ReconcileResult.Failure::message);
      return switch (r.status()) {
        case IN_SYNC -> status(lease, SyncStatus.Outcome.IN_SYNC, revision, Option.none());
        case SUCCEEDED -> status(lease, SyncStatus.Outcome.APPLIED, revision, Option.none());
        case FAILED ->
            status(lease, SyncStatus.Outcome.FAILED, revision, failure.orElse(Option.of("failed")));
        case ROLLED_BACK ->
            status(
                lease,
                SyncStatus.Outcome.ROLLED_BACK,
                revision,
                failure.orElse(Option.of("rolled back")));
        default ->
            status(
                lease,
                SyncStatus.Outcome.NOT_APPLIED,
                revision,
                Option.of(r.status().name().toLowerCase(java.util.Locale.ROOT)));
      };
    } catch (LeaseLostException e) {
      return status(lease, SyncStatus.Outcome.LEASE_LOST, Option.none(), Option.of(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("fleet worker {}: sync {} failed: {}", worker, lease.sync(), e.toString());
      return status(lease, SyncStatus.Outcome.ERROR, Option.none(), Option.of(e.toString()));
    }
  }

  private SyncStatus status(
      Lease lease, SyncStatus.Outcome outcome, Option<String> revision, Option<String> error) {
    return new SyncStatus(
        lease.sync(), outcome, revision, error, scheduler.now(), worker, lease.token());
  }

  private void emit(FleetEvent event) {
    for (Consumer<FleetEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("fleet listener {} failed: {}", l, e.toString());
      }
    }
  }

  /** Stops the loop started by {@link #start()} and the attempt threads; waits for them. */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = loop;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    executor.shutdownNow();
  }

  private static String defaultWorkerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  private record Spec(Duration interval, SyncFactory factory) {}

  /** Configures a {@link Fleet} worker; validates at {@link #build()}. */
  public static final class Builder {
    private @Nullable String worker;
    private @Nullable Coordination coordination;
    private @Nullable Scheduler scheduler;
    private Map<String, Spec> syncs = LinkedHashMap.empty();
    private int parallelism = 4;
    private Duration leaseTtl = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofSeconds(1);
    private final java.util.List<Consumer<FleetEvent>> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * This worker's name (default: host name and process id); unique within a fleet.
     *
     * @param value the name leases and statuses record; not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder worker(String value) {
      if (value.isBlank()) {
        throw new IllegalArgumentException("worker name must not be blank");
      }
      this.worker = value;
      return this;
    }

    /**
     * How workers share syncs (default: {@link InProcessCoordination}, one JVM).
     *
     * @param value the coordination every worker of the fleet shares, such as a database-backed one
     *     for several processes
     * @return this builder
     * @throws IllegalStateException if a coordination was already set
     */
    public Builder coordination(Coordination value) {
      if (coordination != null) {
        throw new IllegalStateException("coordination was already set to " + coordination);
      }
      this.coordination = Objects.requireNonNull(value, "coordination");
      return this;
    }

    /**
     * Where time and waiting come from (default: {@link Scheduler#system()}).
     *
     * @param value the clock and sleeper, such as the testkit's virtual scheduler in tests; the
     *     default coordination uses its clock too
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * A sync reconciled every {@code interval} (and whenever triggered); {@code factory} opens its
     * GitOps for each attempt.
     *
     * @param name the sync's name, shared by every worker of the fleet; not blank
     * @param interval how long after an attempt the sync is due again; positive
     * @param factory opens the sync's {@link GitOps} for each attempt, under its lease
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already used, or the interval is not
     *     positive
     */
    public Builder sync(String name, Duration interval, SyncFactory factory) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("sync name must not be blank");
      }
      if (syncs.containsKey(name)) {
        throw new IllegalArgumentException("sync '" + name + "' was already added");
      }
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "sync '" + name + "': interval must be positive: " + interval);
      }
      syncs = syncs.put(name, new Spec(interval, Objects.requireNonNull(factory, "factory")));
      return this;
    }

    /**
     * How many syncs this worker reconciles at once (default 4).
     *
     * @param value the size of the worker's thread pool and the most syncs claimed per round; at
     *     least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public Builder parallelism(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1: " + value);
      }
      this.parallelism = value;
      return this;
    }

    /**
     * How long a claimed sync stays leased without renewal (default 30 s). A worker that dies or
     * stalls hands its syncs over after this long; leases are renewed every third of it.
     *
     * @param value the lease duration; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public Builder leaseTtl(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("lease ttl must be positive: " + value);
      }
      this.leaseTtl = value;
      return this;
    }

    /**
     * How long the loop sleeps when nothing is due (default 1 s).
     *
     * @param value the pause between idle rounds, and after a failed one; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public Builder pollInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("poll interval must be positive: " + value);
      }
      this.pollInterval = value;
      return this;
    }

    /**
     * Receives every fleet event; may be called several times.
     *
     * @param value called on the worker's threads for each claim, finish and lost lease; an
     *     exception it throws is logged and ignored
     * @return this builder
     */
    public Builder listener(Consumer<FleetEvent> value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * The configured worker; registers its syncs with the coordination.
     *
     * @return a worker, not yet started: call {@link Fleet#start()} or {@link Fleet#runOnce()}
     * @throws IllegalStateException if no sync was added
     */
    public Fleet build() {
      if (syncs.isEmpty()) {
        throw new IllegalStateException("Fleet.builder() needs at least one sync(...)");
      }
      return new Fleet(this);
    }
  }
}
