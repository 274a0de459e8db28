package dev.gitops4j.testkit;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.testkit.TargetCall.Operation;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Says which calls of an {@link InMemoryTarget} fail and how. Calls that match are counted from 1;
 * the fault fires on the {@linkplain #onAttempt n-th} matching call and on the {@linkplain #times
 * k-1} after it. End with {@link #transiently()}, {@link #permanently()} or {@link #crashing()}.
 *
 * <pre>{@code
 * target.failWrites(web).onAttempt(2).transiently();         // the 2nd write of web fails once
 * target.failWritesOfKind("Deployment").times(3).permanently();
 * target.failWrites(db).always().crashing();                 // the process "dies" writing db
 * }</pre>
 */
public final class FaultBuilder {
  private final InMemoryTarget target;
  private final Set<Operation> operations;
  private final Predicate<Option<ResourceId>> matches;
  private final Option<ResourceId> resource;
  private final String description;
  private int first = 1;
  private long count = 1;

  FaultBuilder(
      InMemoryTarget target,
      Set<Operation> operations,
      Predicate<Option<ResourceId>> matches,
      Option<ResourceId> resource,
      String description) {
    this.target = target;
    this.operations = operations;
    this.matches = matches;
    this.resource = resource;
    this.description = description;
  }

  /**
   * The first matching call that fails, from 1 (default 1: the first).
   *
   * @param n the attempt, from 1
   * @return this builder
   */
  public FaultBuilder onAttempt(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("attempts count from 1, got " + n);
    }
    this.first = n;
    return this;
  }

  /**
   * How many matching calls in a row fail (default 1).
   *
   * @param k how many calls fail
   * @return this builder
   */
  public FaultBuilder times(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + k);
    }
    this.count = k;
    return this;
  }

  /**
   * Every matching call from the first failing one on fails, until healed.
   *
   * @return this builder
   */
  public FaultBuilder always() {
    this.count = Long.MAX_VALUE;
    return this;
  }

  /**
   * The failures are transient {@link dev.gitops4j.api.target.TargetException}s (retryable).
   *
   * @return the target, with the fault in place
   */
  public InMemoryTarget transiently() {
    return install(Fault.Kind.TRANSIENT);
  }

  /**
   * The failures are permanent {@link dev.gitops4j.api.target.TargetException}s.
   *
   * @return the target, with the fault in place
   */
  public InMemoryTarget permanently() {
    return install(Fault.Kind.PERMANENT);
  }

  /**
   * The matching calls throw a {@link SimulatedCrash} (an {@link Error}) instead of failing.
   *
   * @return the target, with the crash in place
   */
  public InMemoryTarget crashing() {
    return install(Fault.Kind.CRASH);
  }

  private InMemoryTarget install(Fault.Kind kind) {
    long last = count == Long.MAX_VALUE ? Long.MAX_VALUE : first + count - 1;
    return target.addFault(
        new Fault(operations, matches, resource, description, first, last, kind));
  }

  /** One installed fault; it counts the calls it matches. */
  static final class Fault {
    enum Kind {
      TRANSIENT,
      PERMANENT,
      CRASH
    }

    final Set<Operation> operations;
    final Predicate<Option<ResourceId>> matches;
    final Option<ResourceId> resource;
    final String description;
    final long first;
    final long last;
    final Kind kind;
    long seen;

    Fault(
        Set<Operation> operations,
        Predicate<Option<ResourceId>> matches,
        Option<ResourceId> resource,
        String description,
        long first,
        long last,
        Kind kind) {
      this.operations = operations;
      this.matches = Objects.requireNonNull(matches);
      this.resource = resource;
      this.description = description;
      this.first = first;
      this.last = last;
      this.kind = kind;
    }

    /** Counts the call if it matches; true if this call must fail. */
    boolean fires(Operation op, Option<ResourceId> id) {
      if (!operations.contains(op) || !matches.test(id)) {
        return false;
      }
      seen++;
      return seen >= first && seen <= last;
    }
  }
}
