package dev.gitops4j.testkit;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.target.Target;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * Fluent AssertJ assertions on what GitOps4J produces: plans, reconcile results, problems, targets
 * and events. Import statically beside AssertJ's own {@code assertThat}.
 *
 * <pre>{@code
 * import static dev.gitops4j.testkit.GitOpsAssertions.assertThat;
 *
 * assertThat(plan).creates("ConfigMap/app/web").updates("Deployment/app/api").deletesNothing();
 * assertThat(problems).hasProblem("apps/web.yaml", 7, "duplicate-key");
 * assertThat(target).holds("ConfigMap/app/web").withField("/data/color", "green");
 * assertThat(result).succeeded().applied("ConfigMap/app/web");
 * assertThat(events).containsInOrder(ReconcileStarted.class, ReconcileFinished.class);
 * }</pre>
 */
public final class GitOpsAssertions {
  private GitOpsAssertions() {}

  /**
   * Assertions on a plan.
   *
   * @param plan the plan under test
   * @return assertions on it
   */
  public static PlanAssert assertThat(Plan plan) {
    return new PlanAssert(plan);
  }

  /**
   * Assertions on the result of a reconcile or an apply.
   *
   * @param result the result under test
   * @return assertions on it
   */
  public static ReconcileResultAssert assertThat(ReconcileResult result) {
    return new ReconcileResultAssert(result);
  }

  /**
   * Assertions on what {@code gitops.reconcile()} returned: fails at once, listing the problems,
   * when the input was refused.
   *
   * @param reconcile the problems or the result of a reconcile
   * @return assertions on the result
   * @throws AssertionError if {@code reconcile} holds problems
   */
  public static ReconcileResultAssert assertThat(
      Validation<? extends Seq<Problem>, ? extends ReconcileResult> reconcile) {
    if (reconcile.isInvalid()) {
      throw new AssertionError(
          "Expected a reconcile, but the input was refused with problems:\n"
              + reconcile.getError().map(p -> "  " + p).mkString("\n"));
    }
    return new ReconcileResultAssert(reconcile.get());
  }

  /**
   * Assertions on problems found while loading and validating.
   *
   * @param problems the problems under test; may be empty
   * @return assertions on them
   */
  public static ProblemsAssert assertThat(Seq<Problem> problems) {
    return new ProblemsAssert(problems);
  }

  /**
   * Assertions on the problems of a validation, plan or reconcile outcome ({@code gitops.plan()},
   * {@code gitops.validate()}): none when it is valid.
   *
   * @param outcome the outcome; its value, if valid, is ignored
   * @return assertions on its problems
   */
  public static ProblemsAssert assertThatProblems(Validation<? extends Seq<Problem>, ?> outcome) {
    return new ProblemsAssert(outcome.isValid() ? List.empty() : outcome.getError());
  }

  /**
   * Assertions on what a target holds (an {@link InMemoryTarget} also on its calls).
   *
   * @param target the target under test; read anew by each assertion (an {@link InMemoryTarget}
   *     without recording a call)
   * @return assertions on it
   */
  public static TargetAssert assertThat(Target target) {
    return new TargetAssert(target);
  }

  /**
   * Assertions on one document.
   *
   * @param document the document under test
   * @return assertions on it
   */
  public static DocumentAssert assertThat(Node.Obj document) {
    return new DocumentAssert(document, "document");
  }

  /**
   * Assertions on events, in the order they were emitted.
   *
   * @param events the recorder; the events it holds now are asserted on, not later ones
   * @return assertions on them
   */
  public static EventsAssert assertThat(EventRecorder events) {
    return new EventsAssert(events.events());
  }

  /**
   * Assertions on events, in the order they were emitted.
   *
   * @param events the events, copied in iteration order
   * @return assertions on them
   */
  public static EventsAssert assertThatEvents(Iterable<? extends GitOpsEvent> events) {
    return new EventsAssert(List.ofAll(events));
  }
}
