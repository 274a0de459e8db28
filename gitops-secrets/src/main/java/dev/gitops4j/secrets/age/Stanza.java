package dev.gitops4j.secrets.age;

import java.util.List;

/** One recipient stanza of an age header: its type, arguments and body. */
@SuppressWarnings("ArrayRecordComponent") // the body is copied in and out
public record Stanza(String type, List<String> args, byte[] body) {
  public Stanza {
    args = List.copyOf(args);
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
