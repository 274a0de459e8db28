package dev.gitops4j.cli;

import dev.gitops4j.api.rollout.RateLimit;
import dev.gitops4j.api.rollout.Retry;
import dev.gitops4j.api.rollout.Rollout;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The rollout options of {@code apply}: strategy, parallelism, timeouts, retries, rate limit. */
final class RolloutOptions {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Option(
      names = "--strategy",
      paramLabel = "S",
      description = "all-at-once, waves (default), batches or canary.")
  String strategy = "waves";

  @Option(names = "--batch-size", paramLabel = "N", description = "With batches: N changes a step.")
  int batchSize;

  @Option(
      names = "--batch-percent",
      paramLabel = "P",
      description = "With batches: P per cent of the changes a step.")
  int batchPercent;

  @Option(
      names = "--canary",
      paramLabel = "N",
      description = "With canary: the first N changes, a health gate, then the rest (default 1).")
  int canary = 1;

  @Option(
      names = "--canary-pause",
      paramLabel = "DURATION",
      description = "With canary: wait this long after the canary's health gate (30s, 5m, PT1M).")
  @Nullable String canaryPause;

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      description = "At most N changes in flight inside a wave (default 4).")
  int maxParallel = 4;

  @Option(
      names = "--change-timeout",
      paramLabel = "DURATION",
      description = "A change not answered within this fails (and is retried).")
  @Nullable String changeTimeout;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description = "Retries of a transient failure, with exponential backoff (default 2).")
  int retries = 2;

  @Option(
      names = "--rate-limit",
      paramLabel = "R",
      description = "At most R changes a second onto the target.")
  double rateLimit;

  @Option(
      names = "--health-timeout",
      paramLabel = "DURATION",
      description = "How long a health gate waits for every resource of a step (default 5m).")
  @Nullable String healthTimeout;

  @Option(names = "--no-health-gate", description = "Do not wait for health after each step.")
  boolean noHealthGate;

  /** The rollout these options describe; a bad value is a usage error naming the option. */
  Rollout rollout(CommandLine cmd) {
    try {
      Rollout r =
          switch (strategy.toLowerCase(Locale.ROOT)) {
            case "all-at-once" -> Rollout.allAtOnce();
            case "waves" -> Rollout.waves();
            case "batches" ->
                batchPercent > 0
                    ? Rollout.batchesPercent(batchPercent)
                    : Rollout.batches(batchSize);
            case "canary" -> Rollout.canary(canary);
            default ->
                throw new IllegalArgumentException(
                    "--strategy must be all-at-once, waves, batches or canary, not '"
                        + strategy
                        + "'");
          };
      r =
          r.maxParallel(maxParallel)
              .retry(retries == 0 ? Retry.NONE : Retry.DEFAULT.attempts(retries + 1));
      if (canaryPause != null) {
        r = r.pause(duration("--canary-pause", canaryPause));
      }
      if (changeTimeout != null) {
        r = r.changeTimeout(duration("--change-timeout", changeTimeout));
      }
      if (rateLimit != 0) {
        r = r.rateLimit(RateLimit.perSecond(rateLimit));
      }
      if (healthTimeout != null) {
        r = r.healthTimeout(duration("--health-timeout", healthTimeout));
      }
      return noHealthGate ? r.withoutHealthGate() : r;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
  }

  /** {@code 100ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
  static Duration duration(String option, String text) {
    Matcher m = SIMPLE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a duration such as 30s, 5m or PT30S, not '" + text + "'");
    }
  }
}
