package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Health;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.api.time.Scheduler;
import dev.gitops4j.testkit.FaultBuilder.Fault;
import dev.gitops4j.testkit.TargetCall.Operation;
import dev.gitops4j.testkit.TargetCall.Outcome;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link Target} over a map: a scriptable fake of a real system, for tests of infrastructure code
 * and of the reconciler. Every call is recorded ({@link #calls()}); faults, latency, health,
 * out-of-band edits, a mutating webhook and crash points are scripted up front, and time is read
 * from an injected {@link Scheduler} (a {@link VirtualClock} in tests).
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.create();
 * InMemoryTarget target = InMemoryTarget.create(clock)
 *     .latency(Duration.ofMillis(200))                       // virtual: costs no real time
 *     .failWrites(web).onAttempt(1).times(2).transiently()   // first two writes of web fail
 *     .health(api, HealthScript.progressingFor(3))
 *     .driftAt(5, cache, editedCache)                        // someone edits cache before call 5
 *     .webhook(Webhook.kubernetesDefaults(clock));
 * }</pre>
 *
 * <p>Thread-safe: calls may come from several threads; latency is waited outside the lock.
 */
public final class InMemoryTarget implements Target {
  private final Scheduler scheduler;
  private TreeMap<ResourceId, Node.Obj> resources = TreeMap.empty();
  private List<Fault> faults = List.empty();
  private List<TargetCall> calls = List.empty();
  private int callCount;
  private int writes;
  private Duration latency = Duration.ZERO;
  private Map<ResourceId, Duration> latencyById = HashMap.empty();
  private Map<ResourceId, HealthScript> healthById = HashMap.empty();
  private Map<String, HealthScript> healthByKind = HashMap.empty();
  private Map<ResourceId, Integer> checksSinceWrite = HashMap.empty();
  private Map<ResourceId, Instant> lastWrite = HashMap.empty();
  private Map<Integer, List<Consumer<InMemoryTarget>>> beforeCall = HashMap.empty();
  private Option<Webhook> webhook = Option.none();
  private Set<Integer> crashPoints = HashSet.empty();

  private InMemoryTarget(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * An empty target on the system clock (latency, if set, really sleeps).
   *
   * @return a target with no resources, faults or scripts
   */
  public static InMemoryTarget create() {
    return new InMemoryTarget(Scheduler.system());
  }

  /**
   * An empty target that reads time from, and waits its latency on, {@code scheduler}.
   *
   * @param scheduler the clock and sleeper, usually a {@link VirtualClock}
   * @return a target with no resources, faults or scripts
   */
  public static InMemoryTarget create(Scheduler scheduler) {
    return new InMemoryTarget(Objects.requireNonNull(scheduler, "scheduler"));
  }

  @Override
  public ActualState observe() {
    return serve(Operation.OBSERVE, Option.none(), () -> new ActualState(resources));
  }

  @Override
  public Option<Node.Obj> get(ResourceId id) {
    return serve(Operation.GET, Option.of(id), () -> resources.get(id));
  }

  @Override
  public void put(ResourceId id, Node.Obj document) {
    Objects.requireNonNull(document, "document");
    serve(
        Operation.PUT,
        Option.of(id),
        () -> {
          Option<Node.Obj> existing = resources.get(id);
          Node.Obj stored = webhook.map(w -> w.admit(id, existing, document)).getOrElse(document);
          resources = resources.put(id, stored);
          written(id);
          return stored;
        });
  }

  @Override
  public void delete(ResourceId id) {
    serve(
        Operation.DELETE,
        Option.of(id),
        () -> {
          resources = resources.remove(id);
          written(id);
          return id;
        });
  }

  /**
   * The scripted health of a resource (healthy by default); {@link Health.Status#UNKNOWN} when it
   * does not exist.
   */
  @Override
  public Health health(ResourceId id) {
    return serve(
        Operation.HEALTH,
        Option.of(id),
        () -> {
          Option<Node.Obj> doc = resources.get(id);
          if (doc.isEmpty()) {
            return Health.unknown(id + " does not exist");
          }
          int check = checksSinceWrite.get(id).getOrElse(0) + 1;
          checksSinceWrite = checksSinceWrite.put(id, check);
          Duration since =
              Duration.between(lastWrite.get(id).getOrElse(scheduler.now()), scheduler.now());
          HealthScript script =
              healthById
                  .get(id)
                  .orElse(healthByKind.get(id.kind()))
                  .getOrElse(HealthScript::healthy);
          return script.check(doc.get(), check, since);
        });
  }

  @Override
  public String describe() {
    return "memory";
  }

  // ---- scripting -------------------------------------------------------------------------

  /**
   * Scripts failures of the writes (puts and deletes) of one resource.
   *
   * @param id the resource whose writes fail
   * @return a builder that chooses which attempts fail and how; the fault is added when it is
   *     finished
   */
  public FaultBuilder failWrites(ResourceId id) {
    Objects.requireNonNull(id, "id");
    return new FaultBuilder(
        this,
        HashSet.of(Operation.PUT, Operation.DELETE),
        o -> o.contains(id),
        Option.of(id),
        "write of " + id);
  }

  /**
   * Scripts failures of the writes (puts and deletes) of every resource of a kind.
   *
   * @param kind the resource kind, matched exactly
   * @return a builder that chooses which attempts fail and how
   */
  public FaultBuilder failWritesOfKind(String kind) {
    Objects.requireNonNull(kind, "kind");
    return new FaultBuilder(
        this,
        HashSet.of(Operation.PUT, Operation.DELETE),
        o -> o.exists(i -> i.kind().equals(kind)),
        Option.none(),
        "write of a " + kind);
  }

  /**
   * Scripts failures of any call of the given operations, on any resource.
   *
   * @param first an operation that fails
   * @param more further operations that fail; attempts are counted over all of them together
   * @return a builder that chooses which attempts fail and how
   */
  public FaultBuilder failCalls(Operation first, Operation... more) {
    HashSet<Operation> ops = HashSet.of(more).add(Objects.requireNonNull(first, "first"));
    return new FaultBuilder(this, ops, o -> true, Option.none(), ops.mkString("/"));
  }

  /**
   * Makes every later write or delete of {@code id} fail permanently, until {@link #heal}.
   *
   * @param id the resource whose writes fail
   * @return this target
   */
  public InMemoryTarget failOn(ResourceId id) {
    return failWrites(id).always().permanently();
  }

  /**
   * Removes every fault scripted for {@code id} by {@link #failWrites(ResourceId)}.
   *
   * @param id the resource to heal; faults scripted by kind or operation stay
   * @return this target
   */
  public synchronized InMemoryTarget heal(ResourceId id) {
    faults = faults.filter(f -> !f.resource.contains(id));
    return this;
  }

  /**
   * Removes every scripted fault and crash point.
   *
   * @return this target
   */
  public synchronized InMemoryTarget healAll() {
    faults = List.empty();
    crashPoints = HashSet.empty();
    return this;
  }

  /**
   * Makes the {@code n}-th call on this target (counting from 1) throw a {@link SimulatedCrash}.
   *
   * @param n the call's index, counting every operation from 1
   * @return this target
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public synchronized InMemoryTarget crashAt(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("calls count from 1, got " + n);
    }
    crashPoints = crashPoints.add(n);
    return this;
  }

  /**
   * Every call waits {@code perCall} on the scheduler before it is served.
   *
   * @param perCall the wait per call; zero (the default) for none
   * @return this target
   * @throws IllegalArgumentException if {@code perCall} is negative
   */
  public synchronized InMemoryTarget latency(Duration perCall) {
    this.latency = requireNotNegative(perCall);
    return this;
  }

  /**
   * Calls on {@code id} wait {@code perCall} instead of the general latency.
   *
   * @param id the resource whose calls wait
   * @param perCall the wait per call; zero for none
   * @return this target
   * @throws IllegalArgumentException if {@code perCall} is negative
   */
  public synchronized InMemoryTarget latency(ResourceId id, Duration perCall) {
    latencyById = latencyById.put(Objects.requireNonNull(id, "id"), requireNotNegative(perCall));
    return this;
  }

  /**
   * How {@link #health} answers for one resource.
   *
   * @param id the resource
   * @param script its health; takes precedence over a script for its kind
   * @return this target
   */
  public synchronized InMemoryTarget health(ResourceId id, HealthScript script) {
    healthById = healthById.put(Objects.requireNonNull(id), Objects.requireNonNull(script));
    return this;
  }

  /**
   * How {@link #health} answers for every resource of a kind without a script of its own.
   *
   * @param kind the resource kind, matched exactly
   * @param script the health of resources of that kind
   * @return this target
   */
  public synchronized InMemoryTarget healthOfKind(String kind, HealthScript script) {
    healthByKind = healthByKind.put(Objects.requireNonNull(kind), Objects.requireNonNull(script));
    return this;
  }

  /**
   * Runs {@code action} just before the {@code n}-th call (from 1) is served.
   *
   * @param n the call's index, counting every operation from 1
   * @param action run once with this target, after the call's latency and before its faults
   * @return this target
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public synchronized InMemoryTarget beforeCall(int n, Consumer<InMemoryTarget> action) {
    if (n < 1) {
      throw new IllegalArgumentException("calls count from 1, got " + n);
    }
    Objects.requireNonNull(action, "action");
    beforeCall = beforeCall.put(n, beforeCall.get(n).getOrElse(List.empty()).append(action));
    return this;
  }

  /**
   * Someone sets {@code id} to {@code document} by hand just before the {@code n}-th call.
   *
   * @param n the call's index, counting every operation from 1
   * @param id the resource edited
   * @param document what it holds afterwards (no webhook applies)
   * @return this target
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public InMemoryTarget driftAt(int n, ResourceId id, Node.Obj document) {
    return beforeCall(n, t -> t.putOutOfBand(id, document));
  }

  /**
   * Every put passes through {@code value}, which decides what is stored.
   *
   * @param value the webhook; replaces any earlier one
   * @return this target
   */
  public synchronized InMemoryTarget webhook(Webhook value) {
    this.webhook = Option.of(Objects.requireNonNull(value, "webhook"));
    return this;
  }

  /**
   * Sets a resource directly, as someone editing the system by hand would (drift).
   *
   * @param id the resource
   * @param document what it holds afterwards; not recorded as a call, no webhook applies
   * @return this target
   */
  public synchronized InMemoryTarget putOutOfBand(ResourceId id, Node.Obj document) {
    resources = resources.put(Objects.requireNonNull(id), Objects.requireNonNull(document));
    return this;
  }

  /**
   * Removes a resource directly, bypassing the reconciler.
   *
   * @param id the resource; nothing happens if it does not exist
   * @return this target
   */
  public synchronized InMemoryTarget deleteOutOfBand(ResourceId id) {
    resources = resources.remove(id);
    return this;
  }

  // ---- inspection ------------------------------------------------------------------------

  /**
   * Every call made so far, in order.
   *
   * @return the calls, oldest first; empty before the first call
   */
  public synchronized Seq<TargetCall> calls() {
    return calls.reverse();
  }

  /**
   * The calls of one operation, in order.
   *
   * @param operation the operation to keep
   * @return its calls, oldest first
   */
  public Seq<TargetCall> calls(Operation operation) {
    return calls().filter(c -> c.operation() == operation);
  }

  /**
   * How many calls were made so far; the next call's index is one more.
   *
   * @return the number of calls, failed and crashed ones included
   */
  public synchronized int callCount() {
    return callCount;
  }

  /**
   * The calls after the first {@code index} ones, in order (cheap for recent calls).
   *
   * @param index a value of {@link #callCount()} taken earlier; 0 for every call
   * @return the later calls, oldest first
   */
  public synchronized Seq<TargetCall> callsSince(int index) {
    return calls.takeWhile(c -> c.index() > index).reverse();
  }

  /**
   * True while a scripted fault or crash point may still fire: a fault not yet used up, or a crash
   * point at a call not yet made.
   *
   * @return whether a scripted fault or crash may still happen
   */
  public synchronized boolean hasActiveFaults() {
    return faults.exists(f -> f.seen < f.last) || crashPoints.exists(n -> n > callCount);
  }

  /**
   * How many writes and deletes succeeded.
   *
   * @return the count of successful puts and deletes; out-of-band edits are not counted
   */
  public synchronized int writes() {
    return writes;
  }

  /**
   * What the target holds now, without recording a call.
   *
   * @return the current resources
   */
  public synchronized ActualState snapshot() {
    return new ActualState(resources);
  }

  /**
   * The scheduler this target reads time from.
   *
   * @return the scheduler given to {@link #create(Scheduler)}, or the system one
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  synchronized InMemoryTarget addFault(Fault fault) {
    faults = faults.append(fault);
    return this;
  }

  // ---- the call path ---------------------------------------------------------------------

  private interface Body<T> {
    T run();
  }

  private <T> T serve(Operation op, Option<ResourceId> id, Body<T> body) {
    Duration wait;
    synchronized (this) {
      wait = id.flatMap(latencyById::get).getOrElse(latency);
    }
    if (!wait.isZero()) {
      try {
        scheduler.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetException(op + id.map(i -> " " + i).getOrElse("") + ": interrupted", e);
      }
    }
    List<Consumer<InMemoryTarget>> hooks;
    int index;
    synchronized (this) {
      index = ++callCount;
      hooks = beforeCall.get(index).getOrElse(List.empty());
      beforeCall = beforeCall.remove(index);
    }
    hooks.forEach(h -> h.accept(this));
    synchronized (this) {
      Instant at = scheduler.now();
      if (crashPoints.contains(index)) {
        record(index, op, id, at, Outcome.CRASHED, "crash point");
        throw new SimulatedCrash("call #" + index);
      }
      Option<Fault> fired = Option.none();
      for (Fault f : faults) {
        if (f.fires(op, id) && fired.isEmpty()) {
          fired = Option.of(f);
        }
      }
      if (fired.isDefined()) {
        Fault f = fired.get();
        String what =
            op.name().toLowerCase(java.util.Locale.ROOT) + id.map(i -> " " + i).getOrElse("");
        switch (f.kind) {
          case CRASH -> {
            record(index, op, id, at, Outcome.CRASHED, "crash point");
            throw new SimulatedCrash("call #" + index + " (" + what + ")");
          }
          case TRANSIENT -> {
            String m = what + ": injected transient failure (" + f.description + ")";
            record(index, op, id, at, Outcome.TRANSIENT_FAILURE, m);
            throw TargetException.transientFailure(m);
          }
          case PERMANENT -> {
            String m = what + ": injected failure (" + f.description + ")";
            record(index, op, id, at, Outcome.PERMANENT_FAILURE, m);
            throw new TargetException(m);
          }
        }
      }
      T result = body.run();
      record(index, op, id, at, Outcome.OK, "");
      return result;
    }
  }

  private void record(
      int index, Operation op, Option<ResourceId> id, Instant at, Outcome outcome, String msg) {
    calls = calls.prepend(new TargetCall(index, op, id, at, outcome, msg));
  }

  private void written(ResourceId id) {
    writes++;
    checksSinceWrite = checksSinceWrite.remove(id);
    lastWrite = lastWrite.put(id, scheduler.now());
  }

  private static Duration requireNotNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + d);
    }
    return d;
  }
}
