package dev.gitops4j.secrets.sops;

import java.util.Locale;

/** The stores SOPS knows, chosen from a file name as the sops tool does. */
public enum SopsFormat {
  /** YAML, written with four-space indentation as the sops tool does. */
  YAML,
  /** JSON, written with tab indentation as the sops tool does. */
  JSON,
  /** {@code KEY=value} lines. */
  DOTENV,
  /** INI sections. */
  INI,
  /** Any other file, kept whole under a {@code data} key. */
  BINARY;

  /**
   * The format of {@code fileName}: by extension, binary for anything unknown.
   *
   * @param fileName the file name or path
   * @return the format of {@code fileName}: by extension, binary for anything unknown
   */
  public static SopsFormat of(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return YAML;
    }
    if (n.endsWith(".json")) {
      return JSON;
    }
    if (n.endsWith(".env")) {
      return DOTENV;
    }
    if (n.endsWith(".ini")) {
      return INI;
    }
    return BINARY;
  }
}
