package dev.gitops4j.api.rollout;

/**
 * What a reconciler does when a change or a health gate fails. With {@link #toLastKnownGood()} it
 * plans from the last revision that was applied with success, applies that, and marks the bad
 * revision failed so that the next reconcile of it does nothing ("revision X failed at T, pinned at
 * Y") until a newer commit arrives or the mark is cleared. With {@link #none()} the target stays
 * where the failure left it and the next reconcile tries the same revision again.
 *
 * @param enabled true to roll back to the last known good revision
 */
public record Rollback(boolean enabled) {
  private static final Rollback NONE = new Rollback(false);
  private static final Rollback LAST_KNOWN_GOOD = new Rollback(true);

  /**
   * Roll back to the last known good revision and pin there.
   *
   * @return the policy that rolls back
   */
  public static Rollback toLastKnownGood() {
    return LAST_KNOWN_GOOD;
  }

  /**
   * Leave the target where the failure left it (the library's default).
   *
   * @return the policy that does not roll back
   */
  public static Rollback none() {
    return NONE;
  }
}
