package dev.gitops4j.api.target;

import java.util.Objects;

/** The health a target reports for one resource after it was applied. */
public record Health(Status status, String message) {
  /** Coarse health states. */
  public enum Status {
    HEALTHY,
    PROGRESSING,
    DEGRADED,
    /** The resource does not exist on the target. */
    MISSING,
    UNKNOWN
  }

  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /** Healthy, with no message. */
  public static Health healthy() {
    return new Health(Status.HEALTHY, "");
  }

  /** Still moving towards its desired state, with what it is waiting for. */
  public static Health progressing(String message) {
    return new Health(Status.PROGRESSING, message);
  }

  /** The target cannot tell, with why. */
  public static Health unknown(String message) {
    return new Health(Status.UNKNOWN, message);
  }

  /** The resource is not there. */
  public static Health missing() {
    return new Health(Status.MISSING, "not found on the target");
  }

  /** True when the status is {@link Status#HEALTHY}. */
  public boolean isHealthy() {
    return status == Status.HEALTHY;
  }

  /** Degraded, with a reason. */
  public static Health degraded(String message) {
    return new Health(Status.DEGRADED, message);
  }
}
