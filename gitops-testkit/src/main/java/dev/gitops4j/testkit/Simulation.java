package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.InMemoryStateStore;
import dev.gitops4j.testkit.TargetCall.Operation;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A deterministic simulation of a GitOps deployment: random commits (creates, updates, deletes, bad
 * manifests and their fixes), faults (transient write and observe failures, crashes mid-apply
 * followed by a restart, out-of-band edits and deletes, unmanaged resources planted on the target),
 * virtual time passing, and reconciles, all drawn from one seed. After every step it checks the
 * invariants:
 *
 * <ul>
 *   <li><b>validate all, then touch</b>: a reconcile of a bad commit writes nothing;
 *   <li><b>prune safety</b>: resources outside the inventory (planted by hand) are never written;
 *       every write is of a resource in the inventory (owned or pending) before or after the step;
 *   <li><b>the journal explains every write</b>: each successful write of a reconcile is one of the
 *       changes its result reports, and that result is the newest journal entry;
 *   <li><b>convergence</b>: after a reconcile with no fault armed and a valid commit, the target
 *       holds exactly what Git declares (plus the unmanaged resources) and a new plan is empty;
 *   <li>any invariant added with {@link #invariant}.
 * </ul>
 *
 * <p>Everything is in memory and in virtual time, so ten thousand steps take seconds, and a run is
 * a pure function of its seed: on failure the {@link SimulationFailure} names the seed and the
 * step, and {@code Simulation.seed(s).steps(n).run()} replays it exactly.
 *
 * <pre>{@code
 * SimulationResult r = Simulation.seed(42).steps(10_000).run();
 * assertThat(r.reconciles()).isPositive();
 * }</pre>
 */
public final class Simulation {
  private final long seed;
  private int steps = 1000;
  private int universe = 12;
  private final List<Map.Entry<String, Predicate<World>>> invariants = new ArrayList<>();

  private Simulation(long seed) {
    this.seed = seed;
  }

  /**
   * A simulation drawn from {@code seed}.
   *
   * @param seed any value; the same seed gives the same run
   * @return a simulation of 1000 steps over 12 resources
   */
  public static Simulation seed(long seed) {
    return new Simulation(seed);
  }

  /**
   * How many steps to run (default 1000).
   *
   * @param n at least 1
   * @return this simulation
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public Simulation steps(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + n);
    }
    this.steps = n;
    return this;
  }

  /**
   * How many distinct resources the commits draw from (default 12).
   *
   * @param n from 1 to 1000
   * @return this simulation
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public Simulation resources(int n) {
    if (n < 1 || n > 1000) {
      throw new IllegalArgumentException("resources must be in 1..1000, got " + n);
    }
    this.universe = n;
    return this;
  }

  /**
   * An extra invariant checked after every step; {@code name} appears in the failure.
   *
   * @param name the invariant's name
   * @param holds true while the invariant holds
   * @return this simulation
   */
  public Simulation invariant(String name, Predicate<World> holds) {
    invariants.add(Map.entry(Objects.requireNonNull(name), Objects.requireNonNull(holds)));
    return this;
  }

  /**
   * Runs every step, checking the invariants after each.
   *
   * @return what the run did: counts of steps, reconciles and faults
   * @throws SimulationFailure at the first step that breaks an invariant, naming seed and step
   */
  public SimulationResult run() {
    return new Run().go();
  }

  /** What an invariant sees after a step. */
  public interface World {
    /**
     * The step just done, from 1.
     *
     * @return the step's number
     */
    int step();

    /**
     * The repository the simulation commits to.
     *
     * @return the repository, with every commit so far
     */
    InMemoryRepository repository();

    /**
     * The target the simulation reconciles.
     *
     * @return the target, with its calls so far
     */
    InMemoryTarget target();

    /**
     * The virtual clock.
     *
     * @return the clock shared by the repository, target and reconciler
     */
    VirtualClock clock();

    /**
     * The state store (inventory and journal).
     *
     * @return the store the reconciler keeps its state in
     */
    InMemoryStateStore state();
  }

  private final class Run implements World {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final VirtualClock clock = VirtualClock.create();
    private final InMemoryRepository repo = InMemoryRepository.create(clock);
    private final InMemoryTarget target = InMemoryTarget.create(clock);
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final EventRecorder recorder = new EventRecorder();
    private final List<String> log = new ArrayList<>();
    private final TreeMap<Integer, Integer> files = new TreeMap<>();
    private final Set<ResourceId> foreign = new HashSet<>();
    private final Map<ResourceId, dev.gitops4j.api.model.Node.Obj> foreignDocs = new HashMap<>();
    private GitOps gitops = newGitOps();
    private boolean bad;
    private int step;
    private int version;
    private int reconciles;
    private int converged;
    private int faults;
    private int crashes;

    private GitOps newGitOps() {
      return GitOps.builder()
          .repository(repo)
          .target(target)
          .stateStore(state)
          .scheduler(clock)
          .rollback(dev.gitops4j.api.rollout.Rollback.none())
          .selfHeal(true)
          .listener(recorder)
          .build();
    }

    SimulationResult go() {
      repo.commit("initial").put("README.md", "simulation seed " + seed).done();
      for (step = 1; step <= steps; step++) {
        int callsBefore = target.callCount();
        var inventoryBefore = known();
        Outcome outcome = act();
        check(outcome, callsBefore, inventoryBefore);
        clock.advance(Duration.ofMillis(random.nextInt(1, 60_000)));
      }
      return new SimulationResult(
          seed, steps, io.vavr.collection.List.ofAll(log), reconciles, converged, faults, crashes);
    }

    /** What a step did, for the invariants. */
    private record Outcome(
        boolean reconciled,
        boolean faultArmed,
        boolean crashed,
        Validation<Seq<Problem>, ReconcileResult> result) {}

    private Outcome act() {
      int dice = random.nextInt(100);
      if (dice < 30) {
        commit();
        return idle();
      }
      if (dice < 42) {
        fault();
        return idle();
      }
      if (dice < 50) {
        drift();
        return idle();
      }
      return reconcile();
    }

    private Outcome idle() {
      return new Outcome(false, false, false, Validation.invalid(io.vavr.collection.List.empty()));
    }

    private void commit() {
      int kind = random.nextInt(10);
      CommitBuilder c;
      if (bad && kind < 6) {
        c = repo.commit("fix the bad manifest").delete("apps/bad.yaml");
        bad = false;
        log("commit: fix bad manifest");
      } else if (!bad && kind == 9) {
        String[] broken = {
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n",
          "apiVersion: v1\nmetadata:\n  name: no-kind\n"
        };
        int which = random.nextInt(broken.length);
        c = repo.commit("bad manifest").put("apps/bad.yaml", broken[which]);
        bad = true;
        log("commit: bad manifest " + which);
      } else {
        int n = random.nextInt(universe);
        if (files.containsKey(n) && random.nextInt(4) == 0) {
          files.remove(n);
          c = repo.commit("delete r" + n).delete(path(n));
          log("commit: delete r" + n);
        } else {
          int v = ++version;
          files.put(n, v);
          c = repo.commit("set r" + n + "=" + v).put(path(n), yaml(n, v));
          log("commit: set r" + n + "=" + v);
        }
      }
      c.done();
    }

    private void fault() {
      int kind = random.nextInt(10);
      faults++;
      if (kind < 5) {
        int times = random.nextInt(1, 3);
        target.failCalls(Operation.PUT, Operation.DELETE).times(times).transiently();
        log("fault: next " + times + " writes fail transiently");
      } else if (kind < 7) {
        target.failCalls(Operation.OBSERVE).transiently();
        log("fault: next observe fails");
      } else if (kind < 9) {
        int at = target.callCount() + random.nextInt(1, 12);
        target.crashAt(at);
        log("fault: crash at call " + at);
      } else {
        target.latency(Duration.ofMillis(random.nextInt(0, 500)));
        log("fault: latency changed");
      }
    }

    private void drift() {
      int kind = random.nextInt(3);
      int n = random.nextInt(universe);
      if (kind < 2 && !files.isEmpty()) {
        Integer[] managed = files.keySet().toArray(new Integer[0]);
        int m = managed[random.nextInt(managed.length)];
        var held = target.snapshot().get(id(m));
        if (kind == 0 && held.isDefined()) {
          target.putOutOfBand(id(m), SimDocs.edited(held.get()));
          log("drift: edit r" + m);
        } else {
          target.deleteOutOfBand(id(m));
          log("drift: delete r" + m);
        }
      } else {
        ResourceId other = ResourceId.of("ConfigMap", "sim", "foreign-" + n);
        var doc = SimDocs.doc(n, 0);
        target.putOutOfBand(other, doc);
        foreign.add(other);
        foreignDocs.put(other, doc);
        log("drift: plant unmanaged " + other.name());
      }
    }

    private Outcome reconcile() {
      reconciles++;
      boolean armed = target.hasActiveFaults();
      recorder.clear();
      try {
        Validation<Seq<Problem>, ReconcileResult> r = gitops.reconcile();
        recorder.events().forEach(e -> log("  " + e));
        if (r.isInvalid()) {
          log("reconcile: " + r.getError().size() + " problems: " + r.getError().head());
        } else {
          ReconcileResult res = r.get();
          log(
              "reconcile: "
                  + res.status()
                  + " applied "
                  + res.applied().size()
                  + res.failure().map(f -> " failed " + f.describe()).getOrElse(""));
        }
        return new Outcome(true, armed, false, r);
      } catch (TargetException e) {
        recorder.events().forEach(ev -> log("  " + ev));
        log("reconcile threw: " + e.getMessage());
        return new Outcome(true, true, false, Validation.invalid(io.vavr.collection.List.empty()));
      } catch (SimulatedCrash e) {
        crashes++;
        recorder.events().forEach(ev -> log("  " + ev));
        log("crash: " + e.getMessage() + "; restarting");
        gitops.close();
        gitops = newGitOps();
        return new Outcome(true, true, true, Validation.invalid(io.vavr.collection.List.empty()));
      }
    }

    private void check(
        Outcome o, int callsBefore, io.vavr.collection.SortedSet<ResourceId> before) {
      Seq<TargetCall> writes =
          target.callsSince(callsBefore).filter(c -> c.operation().isWrite() && c.succeeded());
      var after = known();
      for (TargetCall w : writes) {
        ResourceId id = w.id().get();
        if (foreign.contains(id)) {
          fail("prune safety", "wrote unmanaged " + id + " (" + w + ")");
        }
        if (!before.contains(id) && !after.contains(id)) {
          fail("prune safety", "wrote " + id + " outside the inventory (" + w + ")");
        }
      }
      for (var f : foreignDocs.entrySet()) {
        if (!target.snapshot().get(f.getKey()).contains(f.getValue())) {
          fail("prune safety", "unmanaged " + f.getKey() + " was changed or removed");
        }
      }
      if (o.reconciled() && !o.crashed()) {
        if (o.result().isInvalid() && !writes.isEmpty() && !o.faultArmed()) {
          fail("validate all, then touch", "a refused commit wrote " + writes.mkString(", "));
        }
        if (o.result().isValid()) {
          explain(o.result().get(), writes);
        }
      }
      if (o.reconciled() && !o.faultArmed() && !bad && o.result().isValid()) {
        convergedCheck(o.result().get());
      }
      for (var inv : invariants) {
        if (!inv.getValue().test(this)) {
          fail(inv.getKey(), "the invariant does not hold");
        }
      }
    }

    /** What the inventory owns or holds pending (written, or about to be, by a crashed run). */
    private io.vavr.collection.SortedSet<ResourceId> known() {
      var inventory = state.inventory();
      return inventory.ids().addAll(inventory.pending());
    }

    private void explain(ReconcileResult r, Seq<TargetCall> writes) {
      List<String> expected = new ArrayList<>();
      for (ReconcileResult.Applied a : r.applied()) {
        switch (a.action()) {
          case CREATE, UPDATE -> expected.add("PUT " + a.id());
          case DELETE -> expected.add("DELETE " + a.id());
          case REPLACE -> {
            expected.add("DELETE " + a.id());
            expected.add("PUT " + a.id());
          }
          case NOOP -> {}
        }
      }
      List<String> got =
          new ArrayList<>(writes.map(w -> w.operation() + " " + w.id().get()).asJava());
      List<String> extra = new ArrayList<>(got);
      expected.forEach(extra::remove);
      r.failure()
          .filter(f -> f.action().contains(Change.Action.REPLACE))
          .forEach(f -> f.id().forEach(id -> extra.remove("DELETE " + id)));
      if (!extra.isEmpty()) {
        fail("the journal explains every write", "writes not in the result: " + extra);
      }
      var last = state.journal().lastOption();
      if (last.isEmpty()
          || !last.get().commit().equals(r.revision().commit())
          || !last.get().applied().equals(r.applied())) {
        fail("the journal explains every write", "the journal's newest entry is not this result");
      }
    }

    private void convergedCheck(ReconcileResult r) {
      if (!r.succeeded()) {
        fail("convergence", "a reconcile with no fault armed failed: " + r.failure());
      }
      Set<ResourceId> want = new HashSet<>(foreign);
      files.keySet().forEach(n -> want.add(id(n)));
      var held = target.snapshot().resources();
      if (!held.keySet().toJavaSet().equals(want)) {
        fail(
            "convergence",
            "target holds "
                + held.keySet().mkString(", ")
                + ", Git declares "
                + new TreeMap<>(files).keySet());
      }
      for (var e : files.entrySet()) {
        if (!held.get(id(e.getKey()))
            .map(OwnerMarks::strip)
            .contains(SimDocs.doc(e.getKey(), e.getValue()))) {
          fail("convergence", "r" + e.getKey() + " differs from Git");
        }
      }
      converged++;
    }

    private void fail(String invariant, String detail) {
      throw new SimulationFailure(seed, step, invariant, detail, log);
    }

    private void log(String line) {
      log.add(step + " " + line);
    }

    private String path(int n) {
      return "apps/r" + n + ".yaml";
    }

    private String yaml(int n, int v) {
      return SimDocs.yaml(n, v);
    }

    private ResourceId id(int n) {
      return ResourceId.of("ConfigMap", "sim", "r" + n);
    }

    @Override
    public int step() {
      return step;
    }

    @Override
    public InMemoryRepository repository() {
      return repo;
    }

    @Override
    public InMemoryTarget target() {
      return target;
    }

    @Override
    public VirtualClock clock() {
      return clock;
    }

    @Override
    public InMemoryStateStore state() {
      return state;
    }
  }
}
