package dev.gitops4j.core.history;

import dev.gitops4j.api.history.StateBusyException;
import dev.gitops4j.api.history.StateLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a file, between processes (an OS file lock, released by the OS when its
 * process dies) and between threads of this JVM (a reentrant lock per path, since the OS lock
 * belongs to the whole process). The file holds {@code PID HOST SINCE} while the lock is held and
 * is emptied on release, so text found there by a new holder was left by a process that died.
 */
final class FileLocks {
  private static final Logger LOG = LoggerFactory.getLogger(FileLocks.class);
  private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 25;

  private FileLocks() {}

  /** The per-path state shared by the threads of this JVM. */
  private static final class Held {
    final ReentrantLock threads = new ReentrantLock();
    @Nullable FileChannel channel;
    @Nullable FileLock lock;
  }

  static StateLock acquire(Path file, Duration timeout, String what) {
    Held held = HELD.computeIfAbsent(file, f -> new Held());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!held.threads.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new StateBusyException(
            "busy: " + what + " is held by another thread of this process; nothing was written");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateBusyException("interrupted while waiting for " + what);
    }
    try {
      if (held.threads.getHoldCount() == 1) {
        lockFile(held, file, deadline, what);
      }
    } catch (RuntimeException e) {
      held.threads.unlock();
      throw e;
    }
    return new StateLock() {
      private boolean open = true;

      @Override
      public void close() {
        if (!open) {
          return;
        }
        open = false;
        try {
          if (held.threads.getHoldCount() == 1) {
            release(held);
          }
        } finally {
          held.threads.unlock();
        }
      }
    };
  }

  private static void lockFile(Held held, Path file, long deadline, String what) {
    try {
      FileChannel channel =
          FileChannel.open(
              file,
              java.util.Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        FileLock lock;
        while ((lock = channel.tryLock()) == null) {
          if (System.nanoTime() - deadline >= 0) {
            String holder = read(channel).trim();
            throw new StateBusyException(
                "busy: "
                    + what
                    + " is held by "
                    + (holder.isEmpty() ? "another process" : describe(holder))
                    + "; nothing was written");
          }
          dev.gitops4j.api.time.Scheduler.system().sleep(java.time.Duration.ofMillis(POLL_MILLIS));
        }
        String stale = read(channel).trim();
        if (!stale.isEmpty()) {
          LOG.warn(
              "taking over {}: the lock left by {} is stale (that process is gone)",
              what,
              describe(stale));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        held.channel = channel;
        held.lock = lock;
      } catch (RuntimeException | InterruptedException e) {
        channel.close();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new StateBusyException("interrupted while waiting for " + what);
        }
        throw (RuntimeException) e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("locking " + file, e);
    }
  }

  private static void release(Held held) {
    FileChannel channel = held.channel;
    FileLock lock = held.lock;
    held.channel = null;
    held.lock = null;
    if (channel == null) {
      return;
    }
    try (channel) {
      channel.truncate(0);
      channel.force(true);
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      LOG.warn("releasing a state lock: {}", e.toString());
    }
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(512);
    int n = channel.read(buf, 0);
    return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8);
  }

  /** {@code PID HOST SINCE} of this process. */
  private static String me() {
    return ProcessHandle.current().pid() + " " + host() + " " + Clock.systemUTC().instant() + "\n";
  }

  private static String describe(String holder) {
    String[] parts = holder.split(" ", 3);
    return parts.length == 3
        ? "PID " + parts[0] + " on " + parts[1] + " since " + parts[2]
        : "'" + holder.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  /** The host name without a name-service lookup. */
  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown-host";
    }
  }
}
