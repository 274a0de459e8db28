package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;

/** One recipient stanza of an age header: its type, arguments and body. */
@SuppressWarnings("ArrayRecordComponent") // the body is copied in and out
public record Stanza(String type, Seq<String> args, byte[] body) {
  /** Copies the body, so that the stanza stays immutable. */
  public Stanza {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "Stanza[" + type + " " + args.size() + " args, " + body.length + " bytes]";
  }
}
