package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads identities and recipients of every supported type from their text form. */
public final class Identities {
  private Identities() {}

  /**
   * An {@code AGE-SECRET-KEY-1...} or {@code AGE-SECRET-KEY-PQ-1...} identity.
   *
   * @param text the Bech32 identity
   * @return the identity
   */
  public static Identity parse(String text) {
    return text.strip().startsWith("AGE-SECRET-KEY-PQ-1")
        ? HybridIdentity.parse(text)
        : X25519Identity.parse(text);
  }

  /**
   * An {@code age1...} or {@code age1pq1...} recipient.
   *
   * @param text the Bech32 recipient
   * @return the recipient
   */
  public static Recipient parseRecipient(String text) {
    return text.strip().startsWith("age1pq1")
        ? HybridRecipient.parse(text)
        : X25519Recipient.parse(text);
  }

  /**
   * Reads an identity file: one identity a line; empty lines and lines starting with {@code #} are
   * ignored.
   *
   * @param file the identity file
   * @throws IllegalArgumentException naming the file and line of a malformed identity
   * @return the identities, in file order
   * @throws java.io.IOException when the file cannot be read
   */
  public static Seq<Identity> readFile(Path file) throws IOException {
    List<Identity> out = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      try {
        out.add(parse(t));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + n + ": " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no age identity found");
    }
    return io.vavr.collection.List.ofAll(out);
  }
}
