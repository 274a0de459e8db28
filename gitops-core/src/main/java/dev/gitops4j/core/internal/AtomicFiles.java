package dev.gitops4j.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes a file so that readers see the old or the new content, never a mix. */
public final class AtomicFiles {
  /** {@code rw-------}: state files are readable by their owner only. */
  public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  /** {@code rwx------}: the state directory. */
  public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private AtomicFiles() {}

  /**
   * Writes to a temp file ({@code 0600}) in the same directory, syncs it, and renames it over
   * {@code file}. The temp file's name is short and fixed in length, so any name the file system
   * takes can be written.
   */
  public static void write(Path file, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".gitops4j-", ".tmp", OWNER_ONLY);
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
