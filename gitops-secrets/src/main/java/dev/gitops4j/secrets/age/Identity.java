package dev.gitops4j.secrets.age;

import java.util.List;
import java.util.Optional;

/** A key that can recover a file key from the stanzas of a header. */
public interface Identity {
  /**
   * The file key, or empty when no stanza is addressed to this identity.
   *
   * @throws AgeException with kind HEADER when a stanza of this identity's type is malformed
   */
  Optional<byte[]> unwrap(List<Stanza> stanzas) throws AgeException;
}
