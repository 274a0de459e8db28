package dev.gitops4j.api.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A revision whose apply failed (or that was rolled back by hand): the reconciler does not apply it
 * again until the mark is cleared, so an automated rollback sticks. {@code pinnedAt} is the commit
 * the target was left at (empty when there was none to go back to).
 *
 * @param commit the commit id of the failed revision
 * @param at when it was marked failed
 * @param reason why, as a person reads it; never holds secret values
 * @param pinnedAt the commit the target was left at, or empty when there was none to go back to
 */
public record FailedRevision(String commit, Instant at, String reason, String pinnedAt) {
  /**
   * Checks that no component is null.
   *
   * @param commit the commit id of the failed revision
   * @param at when it was marked failed
   * @param reason why, as a person reads it; never holds secret values
   * @param pinnedAt the commit the target was left at, or empty when there was none to go back to
   */
  public FailedRevision {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(pinnedAt, "pinnedAt");
  }

  /**
   * "revision X failed at T, pinned at Y", as reports and the CLI print it.
   *
   * @return "revision X failed at T, pinned at Y", as reports and the CLI print it
   */
  public String describe() {
    return "revision "
        + abbreviate(commit)
        + " failed at "
        + at
        + (pinnedAt.isEmpty() ? ", nothing to pin at" : ", pinned at " + abbreviate(pinnedAt))
        + ": "
        + reason;
  }

  private static String abbreviate(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
