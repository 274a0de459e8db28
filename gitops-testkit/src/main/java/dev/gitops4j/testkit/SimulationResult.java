package dev.gitops4j.testkit;

import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What a {@link Simulation} did: its seed and steps, the event stream (each step's action, every
 * {@code GitOpsEvent} and outcome, in order: equal for two runs of one seed), and counts.
 *
 * @param seed the seed it was drawn from
 * @param steps how many steps ran
 * @param events the event stream, one line per action or event
 * @param reconciles how many reconciles were attempted
 * @param converged how many reconciles were checked to have converged
 * @param faults how many faults were injected
 * @param crashes how many simulated crashes (and restarts) happened
 */
public record SimulationResult(
    long seed,
    int steps,
    Seq<String> events,
    int reconciles,
    int converged,
    int faults,
    int crashes) {
  /**
   * Checks the components.
   *
   * @param seed the seed it was drawn from
   * @param steps how many steps ran
   * @param events the event stream, one line per action or event
   * @param reconciles how many reconciles were attempted
   * @param converged how many reconciles were checked to have converged
   * @param faults how many faults were injected
   * @param crashes how many simulated crashes (and restarts) happened
   * @throws NullPointerException if {@code events} is null
   */
  public SimulationResult {
    Objects.requireNonNull(events, "events");
  }

  @Override
  public String toString() {
    return "simulation seed "
        + seed
        + ": "
        + steps
        + " steps, "
        + reconciles
        + " reconciles ("
        + converged
        + " converged), "
        + faults
        + " faults, "
        + crashes
        + " crashes";
  }
}
