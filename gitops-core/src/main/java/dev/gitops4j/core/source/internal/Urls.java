package dev.gitops4j.core.source.internal;

import java.util.regex.Pattern;

/**
 * Keeps credentials written into URLs out of messages: {@code https://token@host} and {@code
 * https://user:secret@host} lose their user info, {@code ssh://git:secret@host} its password (the
 * SSH user name stays, it is not a secret).
 */
public final class Urls {
  private static final Pattern HTTP_USER_INFO = Pattern.compile("(?i)(?<=\\bhttps?://)[^/@\\s]+@");
  private static final Pattern PASSWORD = Pattern.compile("(?<=://)([^/@\\s:]+):[^/@\\s]+@");

  private Urls() {}

  /** The URL with its credentials replaced by {@code ***}. */
  public static String redact(String url) {
    String out = HTTP_USER_INFO.matcher(url).replaceAll("***@");
    return PASSWORD.matcher(out).replaceAll("$1:***@");
  }

  /** The message with every URL's credentials redacted, and the given URL's wherever it is. */
  public static String redactIn(String message, String url) {
    return redact(message.replace(url, redact(url)));
  }
}
