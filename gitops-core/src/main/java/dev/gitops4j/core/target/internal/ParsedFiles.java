package dev.gitops4j.core.target.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents a target parsed from its files, keyed by file and checked by the SHA-256 of the
 * file's bytes: a file read again with the same bytes gives back the same document instance without
 * parsing (so the planner's memo answers it in O(1)); any other bytes are parsed again. Times and
 * sizes are never trusted: the bytes are always read.
 */
public final class ParsedFiles {
  /** An empty cache. */
  public ParsedFiles() {}

  private static final class Entry {
    final byte[] digest;
    final Node.Obj document;

    Entry(byte[] digest, Node.Obj document) {
      this.digest = digest;
      this.document = document;
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * The SHA-256 of {@code bytes}.
   *
   * @param bytes a file's content
   * @return its SHA-256
   */
  public static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The document parsed last time from {@code file}, if its bytes had this digest.
   *
   * @param file the file's path relative to the target's root
   * @param digest the SHA-256 of the bytes just read
   * @return the document parsed from the same bytes, or none
   */
  public Option<Node.Obj> get(String file, byte[] digest) {
    Entry e = entries.get(file);
    return e != null && MessageDigest.isEqual(e.digest, digest)
        ? Option.of(e.document)
        : Option.none();
  }

  /**
   * Remembers the document parsed from {@code file} whose bytes had this digest.
   *
   * @param file the file's path relative to the target's root
   * @param digest the SHA-256 of its bytes
   * @param document the document parsed from them
   */
  public void put(String file, byte[] digest, Node.Obj document) {
    entries.put(file, new Entry(digest, document));
  }

  /**
   * Forgets {@code file}.
   *
   * @param file the file's path relative to the target's root
   */
  public void forget(String file) {
    entries.remove(file);
  }

  /**
   * Forgets every file but these.
   *
   * @param files the paths to keep
   */
  public void retainOnly(Collection<String> files) {
    entries.keySet().retainAll(files);
  }
}
