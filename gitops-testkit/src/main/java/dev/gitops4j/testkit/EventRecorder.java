package dev.gitops4j.testkit;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.event.GitOpsListener;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * A listener that keeps every event, for assertions ({@code assertThat(recorder)}) and for
 * comparing two runs of a simulation. Thread-safe.
 */
public final class EventRecorder implements GitOpsListener {
  private List<GitOpsEvent> events = List.empty();

  @Override
  public synchronized void onEvent(GitOpsEvent event) {
    events = events.prepend(event);
  }

  /**
   * Every event so far, oldest first.
   *
   * @return the events; empty after {@link #clear()}
   */
  public synchronized Seq<GitOpsEvent> events() {
    return events.reverse();
  }

  /**
   * The events of one type, oldest first.
   *
   * @param <E> the event type
   * @param type the event type; its subtypes count too
   * @return the matching events
   */
  public <E extends GitOpsEvent> Seq<E> events(Class<E> type) {
    return events().filter(type::isInstance).map(type::cast);
  }

  /** Forgets every event so far. */
  public synchronized void clear() {
    events = List.empty();
  }
}
