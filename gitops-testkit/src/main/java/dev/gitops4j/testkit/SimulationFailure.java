package dev.gitops4j.testkit;

import java.util.List;

/**
 * A {@link Simulation} step broke an invariant. The message names the seed, the step and the
 * invariant, gives the call that replays the run, and ends with the last events before the failure.
 */
public final class SimulationFailure extends AssertionError {
  private static final long serialVersionUID = 1L;
  private static final int TAIL = 40;

  /** The seed of the failed run. */
  private final long seed;

  /** The step that broke the invariant, from 1. */
  private final int step;

  /** The name of the broken invariant. */
  private final String invariant;

  SimulationFailure(long seed, int step, String invariant, String detail, List<String> log) {
    super(message(seed, step, invariant, detail, log));
    this.seed = seed;
    this.step = step;
    this.invariant = invariant;
  }

  private static String message(
      long seed, int step, String invariant, String detail, List<String> log) {
    StringBuilder b =
        new StringBuilder()
            .append("simulation seed ")
            .append(seed)
            .append(" broke '")
            .append(invariant)
            .append("' at step ")
            .append(step)
            .append(": ")
            .append(detail)
            .append("\nreplay: Simulation.seed(")
            .append(seed)
            .append("L).steps(")
            .append(step)
            .append(").run()\nlast events:");
    for (String line : log.subList(Math.max(0, log.size() - TAIL), log.size())) {
      b.append("\n  ").append(line);
    }
    return b.toString();
  }

  /**
   * The seed that replays the failure.
   *
   * @return the seed to pass to {@link Simulation#seed(long)}
   */
  public long seed() {
    return seed;
  }

  /**
   * The step that broke the invariant.
   *
   * @return the step, from 1; running this many steps replays the failure
   */
  public int step() {
    return step;
  }

  /**
   * The name of the broken invariant.
   *
   * @return a built-in invariant's name, or the one given to {@link Simulation#invariant}
   */
  public String invariant() {
    return invariant;
  }
}
