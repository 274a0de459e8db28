package dev.gitops4j.api.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One resolved commit: its full id, the ref it was resolved from, its commit time and message
 * summary. Everything a reconcile does is tied to a revision.
 *
 * @param commit the full commit id, 40 hex digits
 * @param ref the ref it was resolved from, as given (a branch, tag or commit id)
 * @param time the commit time
 * @param summary the first line of the commit message
 */
public record Revision(String commit, String ref, Instant time, String summary) {
  /**
   * Checks that no component is null.
   *
   * @param commit the full commit id
   * @param ref the ref it was resolved from
   * @param time the commit time
   * @param summary the first line of the commit message
   */
  public Revision {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(summary, "summary");
  }

  /**
   * The first 12 characters of the commit id.
   *
   * @return the first 12 characters of the commit id
   */
  public String shortId() {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  @Override
  public String toString() {
    return shortId() + " (" + ref + ")";
  }
}
