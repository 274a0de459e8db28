package dev.gitops4j.testkit;

import dev.gitops4j.api.event.GitOpsEvent;
import io.vavr.collection.Seq;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a sequence of {@link GitOpsEvent}s, oldest first. */
public final class EventsAssert extends AbstractAssert<EventsAssert, Seq<GitOpsEvent>> {
  EventsAssert(Seq<GitOpsEvent> events) {
    super(events, EventsAssert.class);
  }

  /**
   * Events of these types occur in this order (others may come between).
   *
   * @param types event types, each matched by {@code isInstance}, so a supertype matches its
   *     subtypes
   * @return this assertion
   */
  @SafeVarargs
  public final EventsAssert containsInOrder(Class<? extends GitOpsEvent>... types) {
    isNotNull();
    int at = 0;
    for (GitOpsEvent e : actual) {
      if (at < types.length && types[at].isInstance(e)) {
        at++;
      }
    }
    if (at < types.length) {
      StringBuilder names = new StringBuilder();
      for (Class<? extends GitOpsEvent> type : types) {
        names.append(names.length() == 0 ? "" : ", ").append(type.getSimpleName());
      }
      failWithMessage(
          "Expected events of types %s in order, but %s was missing; the events:%n%s",
          names, types[at].getSimpleName(), list());
    }
    return this;
  }

  /**
   * No event of this type occurred.
   *
   * @param type an event type; its subtypes count too
   * @return this assertion
   */
  public EventsAssert hasNo(Class<? extends GitOpsEvent> type) {
    isNotNull();
    if (actual.exists(type::isInstance)) {
      failWithMessage("Expected no %s, but the events are:%n%s", type.getSimpleName(), list());
    }
    return this;
  }

  /**
   * Exactly {@code n} events of this type occurred.
   *
   * @param n the expected count; 0 is the same as {@link #hasNo}
   * @param type an event type; its subtypes count too
   * @return this assertion
   */
  public EventsAssert has(int n, Class<? extends GitOpsEvent> type) {
    isNotNull();
    int count = actual.count(type::isInstance);
    if (count != n) {
      failWithMessage(
          "Expected %d %s, but there were %d; the events:%n%s",
          n, type.getSimpleName(), count, list());
    }
    return this;
  }

  private String list() {
    return actual.isEmpty() ? "  (none)" : actual.map(e -> "  " + e).mkString("\n");
  }
}
