package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** A key that can recover a file key from the stanzas of a header. */
public interface Identity {
  /**
   * The file key, or empty when no stanza is addressed to this identity.
   *
   * @param stanzas the recipient stanzas of a header
   * @throws AgeException with kind HEADER when a stanza of this identity's type is malformed
   * @return the file key, or empty when no stanza is addressed to this identity
   */
  Option<byte[]> unwrap(Seq<Stanza> stanzas) throws AgeException;
}
