package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;

/** The manifests a {@link Simulation} commits, as YAML and as the documents they load to. */
final class SimDocs {
  private SimDocs() {}

  static String yaml(int n, int v) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r"
        + n
        + "\n  namespace: sim\ndata:\n  value: \""
        + v
        + "\"\n";
  }

  static Node.Obj doc(int n, int v) {
    return Node.obj(
        "apiVersion", Node.str("v1"),
        "kind", Node.str("ConfigMap"),
        "metadata", Node.obj("name", Node.str("r" + n), "namespace", Node.str("sim")),
        "data", Node.obj("value", Node.str(Integer.toString(v))));
  }

  /**
   * An out-of-band edit as {@code kubectl edit} makes it: the value changes, the metadata (and with
   * it the ownership mark) stays.
   */
  static Node.Obj edited(Node.Obj held) {
    return held.with("data", Node.obj("value", Node.str("-1")));
  }
}
