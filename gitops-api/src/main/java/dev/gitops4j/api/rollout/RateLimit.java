package dev.gitops4j.api.rollout;

/**
 * A token bucket in front of a target: at most {@code perSecond} calls a second on average, with
 * bursts of up to {@code burst} calls. Each attempt of a change (its write or delete, with the
 * precondition check that goes with it) takes one token; health polls take none, their pace is the
 * health interval.
 *
 * @param perSecond the average rate, in calls a second; positive and finite, may be below 1
 * @param burst the most calls made at once after a quiet spell; at least 1
 */
public record RateLimit(double perSecond, int burst) {
  /**
   * Checks the rate and the burst.
   *
   * @param perSecond the average rate, in calls a second; positive and finite, may be below 1
   * @param burst the most calls made at once after a quiet spell; at least 1
   */
  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be positive, not " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, not " + burst);
    }
  }

  /**
   * {@code perSecond} calls a second with a burst of one second's worth (at least 1).
   *
   * @param perSecond calls a second
   * @return {@code perSecond} calls a second with a burst of one second's worth (at least 1)
   */
  public static RateLimit perSecond(double perSecond) {
    return new RateLimit(perSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, perSecond)));
  }
}
