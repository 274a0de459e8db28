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
  private final Map<Key, V> entries;
  private final AtomicLong misses = new AtomicLong();

  /** The key of one file: its blob id and path, shared with the snapshot rather than copied. */
  private record Key(String blobId, String path) {
    @Override
    public int hashCode() {
      // a blob id is a hash already: its first hex digits spread well, and cost nothing to hash
      if (blobId.length() >= 8) {
        try {
          return Integer.parseUnsignedInt(blobId, 0, 8, 16) ^ path.length();
        } catch (NumberFormatException e) {
          return blobId.hashCode() ^ path.length();
        }
      }
      return blobId.hashCode() ^ path.length();
    }
  }

  /** A cache holding at most {@code capacity} files. */
  public ParseCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
            return size() > ParseCache.this.capacity;
          }
        };
  }

  /** The cached value for this file, computing it on a miss. */
  public V get(String path, String blobId, Supplier<V> parse) {
    Key key = new Key(blobId, path);
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
