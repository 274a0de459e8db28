package dev.gitops4j.testkit;

/**
 * Thrown by an {@link InMemoryTarget} at a chosen crash point, standing for the process dying in
 * the middle of a reconcile. It is an {@link Error}, so code that catches {@link RuntimeException}
 * (as the reconciler does for target failures) lets it through, as a real crash would. A test
 * catches it, builds a new {@code GitOps} over the same state store, and checks that the next run
 * converges.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  /**
   * A crash at the described point.
   *
   * @param where where the crash happened
   */
  public SimulatedCrash(String where) {
    super("simulated crash at " + where);
  }
}
