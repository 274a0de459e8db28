package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** A key that can recover a file key from the stanzas of a header. */
public interface Identity {
  /**
   * The file key, or empty when no stanza is addressed to this identity.
   *
   * @throws AgeException with kind HEADER when a stanza of this identity's type is malformed
   */
  Option<byte[]> unwrap(Seq<Stanza> stanzas) throws AgeException;
}
