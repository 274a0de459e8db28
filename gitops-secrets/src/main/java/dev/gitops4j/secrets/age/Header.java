package dev.gitops4j.secrets.age;

import io.vavr.collection.Seq;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The age v1 text header: parsing (strict) and writing. */
final class Header {
  static final String VERSION = "age-encryption.org/v1";
  private static final int COLUMNS = 64;

  final Seq<Stanza> stanzas;
  final byte[] macInput;
  final byte[] mac;
  final int length;

  private Header(Seq<Stanza> stanzas, byte[] macInput, byte[] mac, int length) {
    this.stanzas = stanzas;
    this.macInput = macInput;
    this.mac = mac;
    this.length = length;
  }

  /**
   * Parses the header at the start of {@code file}; {@link #length} is where the payload starts.
   */
  static Header parse(byte[] file) throws AgeException {
    Cursor c = new Cursor(file);
    String version = c.line();
    if (version == null) {
      throw header("the file is empty or has no header");
    }
    if (!version.equals(VERSION)) {
      throw header("unsupported version or not an age file");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      int lineStart = c.pos;
      String line = c.line();
      if (line == null) {
        throw header("header ends before the MAC line");
      }
      if (line.startsWith("--- ")) {
        byte[] mac = Base64s.decodeRaw(line.substring(4)).orElse(null);
        if (mac == null || mac.length != 32) {
          throw header("header MAC is not 32 bytes of canonical base64");
        }
        byte[] macInput = Arrays.copyOfRange(file, 0, lineStart + 3);
        return new Header(io.vavr.collection.List.ofAll(stanzas), macInput, mac, c.pos);
      }
      if (!line.startsWith("-> ")) {
        throw header("expected a stanza (-> ...) or the MAC line (--- ...)");
      }
      String[] parts = line.substring(3).split(" ", -1);
      for (String arg : parts) {
        if (arg.isEmpty() || !isVchars(arg)) {
          throw header("stanza has an empty argument or an invalid character");
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String bodyLine = c.line();
        if (bodyLine == null) {
          throw header("stanza body is not terminated by a short line");
        }
        byte[] chunk = Base64s.decodeRaw(bodyLine).orElse(null);
        if (chunk == null || bodyLine.length() > COLUMNS) {
          throw header("stanza body line is not canonical base64 of at most 64 columns");
        }
        body.writeBytes(chunk);
        if (bodyLine.length() < COLUMNS) {
          break;
        }
      }
      stanzas.add(
          new Stanza(parts[0], io.vavr.collection.List.of(parts).drop(1), body.toByteArray()));
    }
  }

  private static boolean isVchars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 33 || ch > 126) {
        return false;
      }
    }
    return true;
  }

  /** Writes stanzas, then the MAC line computed with {@code hmacKey}. */
  static byte[] write(List<Stanza> stanzas, byte[] hmacKey) {
    StringBuilder sb = new StringBuilder(VERSION).append('\n');
    for (Stanza s : stanzas) {
      sb.append("->").append(' ').append(s.type());
      for (String a : s.args()) {
        sb.append(' ').append(a);
      }
      sb.append('\n');
      String b64 = Base64s.encodeRaw(s.body());
      for (int i = 0; i <= b64.length(); i += COLUMNS) {
        sb.append(b64, i, Math.min(b64.length(), i + COLUMNS)).append('\n');
        if (i + COLUMNS > b64.length()) {
          break;
        }
      }
    }
    sb.append("---");
    byte[] macInput = sb.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] mac = Crypto.hmac(hmacKey, macInput, macInput.length);
    sb.append(' ').append(Base64s.encodeRaw(mac)).append('\n');
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static AgeException header(String message) {
    return new AgeException(AgeException.Kind.HEADER, message);
  }

  /** Reads LF-terminated ASCII lines; a CR or a missing LF makes the line invalid. */
  private static final class Cursor {
    final byte[] data;
    int pos;

    Cursor(byte[] data) {
      this.data = data;
    }

    @Nullable String line() throws AgeException {
      int start = pos;
      while (pos < data.length && data[pos] != '\n') {
        byte b = data[pos];
        if (b < 32 || b > 126) {
          throw header("header contains a byte outside printable ASCII");
        }
        pos++;
        if (pos - start > 4096) {
          throw header("header line too long");
        }
      }
      if (pos >= data.length) {
        pos = start;
        return null;
      }
      String line = new String(data, start, pos - start, StandardCharsets.US_ASCII);
      pos++;
      return line;
    }
  }
}
