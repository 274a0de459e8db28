package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The conformance kit catches each deliberate breakage by the name of the check that covers it, and
 * passes the correct control target.
 */
class ConformanceKitCatchesBreakagesTest {

  static Stream<Arguments> breakages() {
    return Stream.of(
        Arguments.of(BrokenTargets.CorrectKit.class, Set.of()),
        Arguments.of(
            BrokenTargets.HidesClusterScopedKit.class,
            Set.of(
                "whatIsPutIsObservedAndReadBackEqual",
                "deleteRemovesOnlyItsResourceAndIsIdempotent")),
        Arguments.of(BrokenTargets.MergesOnPutKit.class, Set.of("putReplacesTheWholeDocument")),
        Arguments.of(
            BrokenTargets.DeleteOfAbsentThrowsKit.class,
            Set.of("deleteRemovesOnlyItsResourceAndIsIdempotent")),
        Arguments.of(
            BrokenTargets.DeletesTheWholeKindKit.class,
            Set.of(
                "deleteRemovesOnlyItsResourceAndIsIdempotent",
                "oddNamesTheAdapterClaimsToAcceptRoundTrip",
                "concurrentCallsFromSeveralThreadsLoseNothing")),
        Arguments.of(
            BrokenTargets.RefusesDotsKit.class,
            Set.of("oddNamesTheAdapterClaimsToAcceptRoundTrip")),
        Arguments.of(
            BrokenTargets.LosesUnicodeKit.class,
            Set.of("unicodeRoundTrips", "oddNamesTheAdapterClaimsToAcceptRoundTrip")),
        Arguments.of(
            BrokenTargets.NumbersAsDoublesKit.class, Set.of("bigNumbersAndExactValuesRoundTrip")),
        Arguments.of(
            BrokenTargets.LosesConcurrentWritesKit.class,
            Set.of("concurrentCallsFromSeveralThreadsLoseNothing")),
        Arguments.of(
            BrokenTargets.FailsWithTheWrongExceptionKit.class,
            Set.of("refusedWritesAreTargetExceptionsAndChangeNothing")),
        Arguments.of(
            BrokenTargets.StricterCheckIdKit.class,
            Set.of("checkIdAcceptsEveryNameTheAdapterClaims")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void eachBreakageFailsTheCheckNamedForIt(Class<?> kit, Set<String> expectedFailures) {
    assertThat(failedChecks(kit)).isEqualTo(new TreeSet<>(expectedFailures));
  }

  private static Set<String> failedChecks(Class<?> kit) {
    Set<String> failed = new TreeSet<>();
    Set<String> ran = new TreeSet<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            id.getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(
                    s ->
                        ((org.junit.platform.engine.support.descriptor.MethodSource) s)
                            .getMethodName())
                .ifPresent(
                    name -> {
                      ran.add(name);
                      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failed.add(name);
                      }
                    });
          }
        });
    assertThat(ran).as("the kit ran on " + kit.getSimpleName()).hasSizeGreaterThanOrEqualTo(13);
    return failed;
  }
}
