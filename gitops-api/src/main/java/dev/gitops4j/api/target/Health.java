package dev.gitops4j.api.target;

import java.util.Objects;

/**
 * The health a target reports for one resource after it was applied.
 *
 * @param status the coarse state
 * @param message why, for a person; empty when there is nothing to say
 */
public record Health(Status status, String message) {
  /** Coarse health states. */
  public enum Status {
    /** Running as desired. */
    HEALTHY,
    /** Still moving towards its desired state. */
    PROGRESSING,
    /** Failing or unable to reach its desired state. */
    DEGRADED,
    /** The resource does not exist on the target. */
    MISSING,
    /** The target cannot tell. */
    UNKNOWN
  }

  /**
   * Checks that no component is null.
   *
   * @param status the coarse state
   * @param message what the resource waits for or what is wrong; empty when healthy
   */
  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Healthy, with no message.
   *
   * @return a healthy status with no message
   */
  public static Health healthy() {
    return new Health(Status.HEALTHY, "");
  }

  /**
   * Still moving towards its desired state, with what it is waiting for.
   *
   * @param message what the resource is waiting for
   * @return a progressing health with what it waits for
   */
  public static Health progressing(String message) {
    return new Health(Status.PROGRESSING, message);
  }

  /**
   * The target cannot tell, with why.
   *
   * @param message why the health cannot be told
   * @return an unknown health with the reason
   */
  public static Health unknown(String message) {
    return new Health(Status.UNKNOWN, message);
  }

  /**
   * The resource is not there.
   *
   * @return the resource is not there
   */
  public static Health missing() {
    return new Health(Status.MISSING, "not found on the target");
  }

  /**
   * True when the status is {@link Status#HEALTHY}.
   *
   * @return true when the status is {@link Status#HEALTHY}
   */
  public boolean isHealthy() {
    return status == Status.HEALTHY;
  }

  /**
   * Degraded, with a reason.
   *
   * @param message what is wrong
   * @return a degraded health with the reason
   */
  public static Health degraded(String message) {
    return new Health(Status.DEGRADED, message);
  }
}
