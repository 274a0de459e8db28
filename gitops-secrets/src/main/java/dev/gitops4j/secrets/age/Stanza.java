package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;

/** One recipient stanza of an age header: its type, arguments and body. */
@SuppressWarnings("ArrayRecordComponent") // the body is copied in and out
public record Stanza(String type, Seq<String> args, byte[] body) {
  /**
   * Copies the body, so that the stanza stays immutable.
   *
   * @param type the stanza type, such as {@code X25519}
   * @param args the arguments after the type
   * @param body the decoded body
   */
  public Stanza {
    body = body.clone();
  }

  /**
   * The body, copied so that the stanza stays immutable.
   *
   * @return a copy of the body
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "Stanza[" + type + " " + args.size() + " args, " + body.length + " bytes]";
  }
}
