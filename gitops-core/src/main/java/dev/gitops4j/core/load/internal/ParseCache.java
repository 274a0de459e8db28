package dev.gitops4j.core.load.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Parsed files keyed by path and Git blob id, least recently used evicted first. A blob id names
 * exact content, so an entry never goes stale: a commit that touches ten files reparses ten.
 */
public final class ParseCache<V> {
  private final int capacity;
  private final Map<String, V> entries;
  private final AtomicLong misses = new AtomicLong();

  /** A cache holding at most {@code capacity} files. */
  public ParseCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > ParseCache.this.capacity;
          }
        };
  }

  /** The cached value for this file, computing it on a miss. */
  public V get(String path, String blobId, Supplier<V> parse) {
    String key = blobId + ':' + path;
    synchronized (entries) {
      V hit = entries.get(key);
      if (hit != null) {
        return hit;
      }
    }
    misses.incrementAndGet();
    V value = parse.get();
    synchronized (entries) {
      entries.put(key, value);
    }
    return value;
  }

  /** How many files were parsed because they were not cached. */
  public long misses() {
    return misses.get();
  }
}
