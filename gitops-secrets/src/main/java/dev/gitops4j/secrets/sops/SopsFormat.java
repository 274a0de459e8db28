package dev.gitops4j.secrets.sops;

import java.util.Locale;

/** The stores SOPS knows, chosen from a file name as the sops tool does. */
public enum SopsFormat {
  YAML,
  JSON,
  DOTENV,
  INI,
  BINARY;

  /** The format of {@code fileName}: by extension, binary for anything unknown. */
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
