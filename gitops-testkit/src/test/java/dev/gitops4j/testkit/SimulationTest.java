package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class SimulationTest {

  /**
   * Ten thousand seeded steps of commits, faults, crashes and reconciles converge, and the same
   * seed gives the same event stream twice.
   */
  @Test
  void tenThousandStepsConvergeAndReplayExactlyFromTheSeed() {
    SimulationResult first = Simulation.seed(20261127L).steps(10_000).run();
    SimulationResult second = Simulation.seed(20261127L).steps(10_000).run();
    System.out.println(first);
    assertThat(second.events()).isEqualTo(first.events());
    assertThat(first.events().size()).isGreaterThan(10_000);
    assertThat(first.reconciles()).isGreaterThan(3_000);
    assertThat(first.converged()).isGreaterThan(500);
    assertThat(first.faults()).isGreaterThan(500);
    assertThat(first.crashes()).isPositive();
  }

  @Test
  void anotherSeedTakesAnotherPath() {
    assertThat(Simulation.seed(1).steps(300).run().events())
        .isNotEqualTo(Simulation.seed(2).steps(300).run().events());
  }

  @Test
  void aBrokenInvariantNamesTheSeedAndStepAndReplaysThere() {
    Simulation sim =
        Simulation.seed(7)
            .steps(5_000)
            .invariant(
                "at most four managed resources",
                w ->
                    w.target()
                            .snapshot()
                            .resources()
                            .keySet()
                            .count(id -> id.name().startsWith("r"))
                        <= 4);
    SimulationFailure failure = catchThrowableOfType(SimulationFailure.class, sim::run);
    assertThat(failure).isNotNull();
    assertThat(failure.seed()).isEqualTo(7L);
    assertThat(failure.invariant()).isEqualTo("at most four managed resources");
    assertThat(failure.getMessage())
        .contains(
            "simulation seed 7 broke 'at most four managed resources' at step " + failure.step())
        .contains("replay: Simulation.seed(7L).steps(" + failure.step() + ").run()");

    SimulationFailure replayed =
        catchThrowableOfType(
            SimulationFailure.class,
            () ->
                Simulation.seed(7)
                    .steps(failure.step())
                    .invariant(
                        "at most four managed resources",
                        w ->
                            w.target()
                                    .snapshot()
                                    .resources()
                                    .keySet()
                                    .count(id -> id.name().startsWith("r"))
                                <= 4)
                    .run());
    assertThat(replayed.step()).isEqualTo(failure.step());
    assertThat(replayed.getMessage()).isEqualTo(failure.getMessage());
  }
}
