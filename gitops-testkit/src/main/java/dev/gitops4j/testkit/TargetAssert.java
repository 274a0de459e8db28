package dev.gitops4j.testkit;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.testkit.TargetCall.Operation;
import io.vavr.collection.Seq;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on what a {@link Target} holds. On an {@link InMemoryTarget} the checks read
 * its contents without recording calls, and {@link #receivedNoWritesTo} and {@link #wasWritten}
 * read its {@linkplain InMemoryTarget#calls() calls}.
 */
public final class TargetAssert extends AbstractAssert<TargetAssert, Target> {
  TargetAssert(Target target) {
    super(target, TargetAssert.class);
  }

  /**
   * The target holds {@code id}; continue with assertions on its document.
   *
   * @param id a resource id as {@code Kind/name} or {@code Kind/namespace/name}
   * @return assertions on the document the target holds
   */
  public DocumentAssert holds(String id) {
    isNotNull();
    ResourceId rid = Ids.parse(id);
    var doc = state().get(rid);
    if (doc.isEmpty()) {
      failWithMessage("Expected %s to hold %s, but it holds %s", actual.describe(), id, ids());
    }
    return new DocumentAssert(doc.get(), id);
  }

  /**
   * The target does not hold any of these.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public TargetAssert doesNotHold(String... ids) {
    isNotNull();
    for (String id : ids) {
      if (state().get(Ids.parse(id)).isDefined()) {
        failWithMessage("Expected %s not to hold %s, but it does", actual.describe(), id);
      }
    }
    return this;
  }

  /**
   * The target holds exactly these resources, no more.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}; none means empty
   * @return this assertion
   */
  public TargetAssert holdsExactly(String... ids) {
    isNotNull();
    Seq<ResourceId> want = io.vavr.collection.List.of(ids).map(Ids::parse).sorted();
    if (!state().resources().keySet().toList().equals(want)) {
      failWithMessage(
          "Expected %s to hold exactly %s, but it holds %s",
          actual.describe(), want.mkString(", "), ids());
    }
    return this;
  }

  /**
   * The target holds nothing.
   *
   * @return this assertion
   */
  public TargetAssert isEmpty() {
    isNotNull();
    if (!state().resources().isEmpty()) {
      failWithMessage("Expected %s to be empty, but it holds %s", actual.describe(), ids());
    }
    return this;
  }

  /**
   * No put or delete of {@code id} was made (an {@link InMemoryTarget} only).
   *
   * @param id a resource id as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   * @throws IllegalArgumentException if the target is not an {@link InMemoryTarget}
   */
  public TargetAssert receivedNoWritesTo(String id) {
    return wasWritten(id, 0);
  }

  /**
   * {@code id} was successfully put or deleted exactly {@code times} times.
   *
   * @param id a resource id as {@code Kind/name} or {@code Kind/namespace/name}
   * @param times the count of successful puts and deletes; failed calls are not counted
   * @return this assertion
   * @throws IllegalArgumentException if the target is not an {@link InMemoryTarget}
   */
  public TargetAssert wasWritten(String id, int times) {
    InMemoryTarget memory = memory();
    ResourceId rid = Ids.parse(id);
    Seq<TargetCall> writes =
        memory
            .calls()
            .filter(c -> c.operation().isWrite() && c.id().contains(rid) && c.succeeded());
    if (writes.size() != times) {
      failWithMessage(
          "Expected %d writes of %s, but there were %d: %s", times, id, writes.size(), writes);
    }
    return this;
  }

  /**
   * No put or delete at all was made (an {@link InMemoryTarget} only).
   *
   * @return this assertion
   * @throws IllegalArgumentException if the target is not an {@link InMemoryTarget}
   */
  public TargetAssert receivedNoWrites() {
    Seq<TargetCall> writes =
        memory()
            .calls()
            .filter(c -> c.operation() == Operation.PUT || c.operation() == Operation.DELETE);
    if (!writes.isEmpty()) {
      failWithMessage("Expected no writes, but there were: %s", writes.mkString(", "));
    }
    return this;
  }

  private InMemoryTarget memory() {
    isNotNull();
    if (!(actual instanceof InMemoryTarget m)) {
      throw new IllegalArgumentException(
          "call assertions need an InMemoryTarget, not " + actual.getClass().getSimpleName());
    }
    return m;
  }

  private ActualState state() {
    return actual instanceof InMemoryTarget m ? m.snapshot() : actual.observe();
  }

  private String ids() {
    var ids = state().resources().keySet();
    return ids.isEmpty() ? "nothing" : ids.mkString(", ");
  }
}
