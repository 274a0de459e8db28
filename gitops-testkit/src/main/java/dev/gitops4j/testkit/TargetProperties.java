package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.core.apply.DefaultReconciler;
import dev.gitops4j.core.history.InMemoryStateStore;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ready-made jqwik properties of reconciling onto a target. Extend it in your adapter's tests and
 * return a fresh, empty target from {@link #newTarget()}; override {@link #desiredStates()} to draw
 * the ids and documents your adapter accepts (the default: Kubernetes-style ConfigMaps and
 * Services). The properties:
 *
 * <ul>
 *   <li><b>idempotence</b>: right after a reconcile, a second plans nothing and writes nothing;
 *   <li><b>convergence under transient faults</b>: whatever writes fail transiently, reconciling
 *       again until it succeeds reaches exactly the desired state;
 *   <li><b>prune safety</b>: going from A to B deletes what A had and B has not, and never touches
 *       resources the reconciler did not create;
 *   <li><b>plan-then-apply equals reconcile</b>: applying a plan made from the same observation
 *       leaves the target as a reconcile does.
 * </ul>
 */
public abstract class TargetProperties {

  /**
   * A new, empty target for one try.
   *
   * @return a target holding nothing, not shared with another try
   * @throws Exception if the target cannot be created; the try fails
   */
  protected abstract Target newTarget() throws Exception;

  /**
   * The desired states to try; override to use your adapter's kinds and documents.
   *
   * @return by default, {@link GitOpsArbitraries#desiredStates()}
   */
  @Provide
  protected Arbitrary<DesiredState> desiredStates() {
    return GitOpsArbitraries.desiredStates();
  }

  /**
   * The fault schedules to try.
   *
   * @return by default, {@link GitOpsArbitraries#faultSchedules()}
   */
  @Provide
  protected Arbitrary<FaultSchedule> faultSchedules() {
    return GitOpsArbitraries.faultSchedules();
  }

  @Property(tries = 50)
  void idempotence(@ForAll("desiredStates") DesiredState state) throws Exception {
    DefaultReconciler r = reconciler(newTarget());
    assertThat(r.reconcile(state).succeeded()).isTrue();
    assertThat(r.plan(state).isEmpty()).as("plan after reconcile").isTrue();
    ReconcileResult again = r.reconcile(state);
    assertThat(again.status()).isEqualTo(ReconcileResult.Status.IN_SYNC);
    assertThat(again.applied()).isEmpty();
  }

  @Property(tries = 50)
  void convergenceUnderTransientFaults(
      @ForAll("desiredStates") DesiredState state, @ForAll("faultSchedules") FaultSchedule faults)
      throws Exception {
    Target plain = newTarget();
    DefaultReconciler r = reconciler(faults.wrap(plain));
    int attempts = 0;
    ReconcileResult last;
    do {
      last = r.reconcile(state);
      attempts++;
    } while (!last.succeeded() && attempts <= faults.failingWrites().size() + 1);
    assertThat(last.succeeded())
        .as("converged after %d attempts with %s", attempts, faults)
        .isTrue();
    assertThat(held(plain)).isEqualTo(desired(state));
  }

  @Property(tries = 50)
  void pruneSafety(
      @ForAll("desiredStates") DesiredState a,
      @ForAll("desiredStates") DesiredState b,
      @ForAll("desiredStates") DesiredState unmanaged)
      throws Exception {
    Target target = newTarget();
    Map<ResourceId, Node.Obj> foreign = new HashMap<>();
    for (var res : unmanaged.resources().values()) {
      if (!a.resources().containsKey(res.id()) && !b.resources().containsKey(res.id())) {
        target.put(res.id(), res.body());
        foreign.put(res.id(), res.body());
      }
    }
    DefaultReconciler r = reconciler(target);
    assertThat(r.reconcile(a).succeeded()).isTrue();
    assertThat(r.reconcile(b).succeeded()).isTrue();
    Map<ResourceId, Node.Obj> expected = new HashMap<>(desired(b));
    expected.putAll(foreign);
    assertThat(held(target)).isEqualTo(expected);
  }

  @Property(tries = 50)
  void planThenApplyEqualsReconcile(
      @ForAll("desiredStates") DesiredState before, @ForAll("desiredStates") DesiredState after)
      throws Exception {
    Target planned = newTarget();
    Target reconciled = newTarget();
    DefaultReconciler p = reconciler(planned);
    DefaultReconciler q = reconciler(reconciled);
    p.reconcile(before);
    q.reconcile(before);
    Plan plan = p.plan(after);
    assertThat(p.apply(plan).succeeded()).isTrue();
    assertThat(q.reconcile(after).succeeded()).isTrue();
    assertThat(held(planned)).isEqualTo(held(reconciled)).isEqualTo(desired(after));
  }

  /**
   * A reconciler with its own state; an empty desired state may prune (the properties draw empty
   * states on purpose, where the facade would refuse one without {@code allowEmpty}).
   */
  private static DefaultReconciler reconciler(Target target) {
    return DefaultReconciler.builder()
        .target(target)
        .stateStore(new InMemoryStateStore())
        .allowEmpty(true)
        .build();
  }

  /** What the target holds, without the ownership marks the reconciler adds. */
  private static Map<ResourceId, Node.Obj> held(Target target) {
    Map<ResourceId, Node.Obj> out = new HashMap<>();
    target.observe().resources().forEach((id, doc) -> out.put(id, OwnerMarks.strip(doc)));
    return out;
  }

  private static Map<ResourceId, Node.Obj> desired(DesiredState state) {
    Map<ResourceId, Node.Obj> out = new HashMap<>();
    state.resources().values().forEach(res -> out.put(res.id(), res.body()));
    return out;
  }
}
