package dev.gitops4j.api.event;

/**
 * Receives every {@link GitOpsEvent}, synchronously and in order. A listener that throws is logged
 * and ignored; it cannot stop or alter a reconcile.
 */
@FunctionalInterface
public interface GitOpsListener {
  /**
   * Called once per event.
   *
   * @param event the event, in the order the steps happened
   */
  void onEvent(GitOpsEvent event);
}
