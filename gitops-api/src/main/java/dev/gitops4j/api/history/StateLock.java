package dev.gitops4j.api.history;

/**
 * Exclusive use of a {@link StateStore}, held by a reconciler for a whole reconcile so that two
 * runs never interleave their writes to one target. Closing releases it.
 */
public interface StateLock extends AutoCloseable {
  /** Releases the lock; closing twice does nothing. */
  @Override
  void close();
}
