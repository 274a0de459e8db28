package dev.gitops4j.testkit;

import dev.gitops4j.api.model.ResourceId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One call the code under test made on an {@link InMemoryTarget}, recorded in order for assertions:
 * which operation, on which resource, at what (virtual) time, and how it ended.
 *
 * @param index the 1-based position of the call among all calls on the target
 * @param operation what was called
 * @param id the resource, for calls on one resource
 * @param at when the call was served, on the target's clock
 * @param outcome how it ended
 * @param message the failure message, empty when the call succeeded
 */
public record TargetCall(
    int index,
    Operation operation,
    Option<ResourceId> id,
    Instant at,
    Outcome outcome,
    String message) {

  /** The operations of the {@link dev.gitops4j.api.target.Target} SPI. */
  public enum Operation {
    /** {@link dev.gitops4j.api.target.Target#observe()}. */
    OBSERVE,
    /** {@link dev.gitops4j.api.target.Target#get}. */
    GET,
    /** {@link dev.gitops4j.api.target.Target#put}. */
    PUT,
    /** {@link dev.gitops4j.api.target.Target#delete}. */
    DELETE,
    /** {@link dev.gitops4j.api.target.Target#health}. */
    HEALTH;

    /**
     * True for the operations that change the target.
     *
     * @return true for the operations that change the target
     */
    public boolean isWrite() {
      return this == PUT || this == DELETE;
    }
  }

  /** How a call ended. */
  public enum Outcome {
    /** It did what was asked. */
    OK,
    /** It threw a transient {@link dev.gitops4j.api.target.TargetException}. */
    TRANSIENT_FAILURE,
    /** It threw a permanent {@link dev.gitops4j.api.target.TargetException}. */
    PERMANENT_FAILURE,
    /** It threw a {@link SimulatedCrash}. */
    CRASHED
  }

  /**
   * Checks that no component is null.
   *
   * @param index the 1-based position of the call among all calls on the target
   * @param operation what was called
   * @param id the resource, for calls on one resource
   * @param at when the call was served, on the target's clock
   * @param outcome how it ended
   * @param message the failure message, empty when the call succeeded
   */
  public TargetCall {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  /**
   * True if the call did what was asked.
   *
   * @return true if the call did what was asked
   */
  public boolean succeeded() {
    return outcome == Outcome.OK;
  }

  @Override
  public String toString() {
    return "#"
        + index
        + " "
        + operation
        + id.map(i -> " " + i).getOrElse("")
        + (outcome == Outcome.OK ? "" : " " + outcome + ": " + message);
  }
}
