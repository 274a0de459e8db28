package dev.gitops4j.benchmarks;

import java.nio.charset.StandardCharsets;

/** The manifests the load benchmarks and the repository generator write: small ConfigMaps. */
final class Manifests {
  private Manifests() {}

  /** Manifest number {@code i}, about 170 bytes. */
  static String configMap(int i) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-"
        + i
        + "\n  namespace: ns-"
        + (i % 100)
        + "\n  labels:\n    app: bench\ndata:\n  index: \""
        + i
        + "\"\n  text: some value of a realistic length\n";
  }

  /** {@code n} manifests as one multi-document YAML file. */
  static byte[] oneFile(int n) {
    StringBuilder out = new StringBuilder(n * 180);
    for (int i = 0; i < n; i++) {
      out.append("---\n").append(configMap(i));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
