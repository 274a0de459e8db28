package dev.gitops4j.secrets.age;

import java.util.List;

/** Someone a file is encrypted to: wraps the file key into stanzas. */
public interface Recipient {
  /** The stanzas that let this recipient recover {@code fileKey}. */
  List<Stanza> wrap(byte[] fileKey);
}
