package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;

/** Someone a file is encrypted to: wraps the file key into stanzas. */
public interface Recipient {
  /**
   * The stanzas that let this recipient recover {@code fileKey}.
   *
   * @param fileKey the 16-byte file key
   * @return the stanzas that let this recipient recover {@code fileKey}
   */
  Seq<Stanza> wrap(byte[] fileKey);
}
