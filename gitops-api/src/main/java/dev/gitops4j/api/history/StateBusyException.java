package dev.gitops4j.api.history;

/**
 * Another run held a {@link StateStore}'s lock for longer than the caller was willing to wait. The
 * message says who holds it: {@code busy: <state> is held by PID <pid> on <host> since <time>}.
 * Nothing was written.
 */
public class StateBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A busy store, with a message naming the holder.
   *
   * @param message who holds the lock and since when
   */
  public StateBusyException(String message) {
    super(message);
  }
}
