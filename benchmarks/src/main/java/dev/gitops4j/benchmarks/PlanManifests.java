package dev.gitops4j.benchmarks;

import dev.gitops4j.api.model.Node;
import io.vavr.collection.Vector;

/** Realistic small manifests for the benchmarks: Deployments and ConfigMaps of a few KB. */
final class PlanManifests {
  private PlanManifests() {}

  /** A Deployment of ~2 KB: two containers with env, ports, probes and resources. */
  static Node.Obj deployment(int n, String image, int replicas, boolean variant) {
    Vector<Node> env = Vector.empty();
    for (int i = 0; i < 12; i++) {
      if (variant && i == 5) {
        env = env.append(Node.obj("name", Node.str("FEATURE_FLAG"), "value", Node.str("on")));
      }
      env =
          env.append(
              Node.obj("name", Node.str("VAR_" + i), "value", Node.str("value-" + i + "-" + n)));
    }
    Node.Obj labels = Node.obj("app", Node.str("svc-" + n), "tier", Node.str("backend"));
    if (variant) {
      labels = labels.with("release", Node.str("canary"));
    }
    Node web =
        Node.obj(
            "name", Node.str("web"),
            "image", Node.str(image),
            "ports", Node.arr(Node.obj("name", Node.str("http"), "containerPort", Node.num(8080))),
            "env", new Node.Arr(env),
            "resources",
                Node.obj(
                    "requests", Node.obj("cpu", Node.str("250m"), "memory", Node.str("256Mi")),
                    "limits", Node.obj("cpu", Node.str("1"), "memory", Node.str("512Mi"))),
            "readinessProbe",
                Node.obj(
                    "httpGet", Node.obj("path", Node.str("/ready"), "port", Node.num(8080)),
                    "periodSeconds", Node.num(5)));
    Node sidecar =
        Node.obj(
            "name", Node.str("log"),
            "image", Node.str("fluent-bit:2.2"),
            "args", Node.arr(Node.str("--config"), Node.str("/etc/fluent/fluent.conf")));
    return Node.obj(
        "apiVersion", Node.str("apps/v1"),
        "kind", Node.str("Deployment"),
        "metadata",
            Node.obj(
                "name",
                Node.str("svc-" + n),
                "namespace",
                Node.str("ns-" + (n % 20)),
                "labels",
                labels),
        "spec",
            Node.obj(
                "replicas", Node.num(replicas),
                "selector", Node.obj("matchLabels", Node.obj("app", Node.str("svc-" + n))),
                "template",
                    Node.obj(
                        "metadata", Node.obj("labels", Node.obj("app", Node.str("svc-" + n))),
                        "spec", Node.obj("containers", Node.arr(web, sidecar)))));
  }

  /** A small ConfigMap. */
  static Node.Obj configMap(int n, String value) {
    return Node.obj(
        "apiVersion", Node.str("v1"),
        "kind", Node.str("ConfigMap"),
        "metadata", Node.obj("name", Node.str("cm-" + n), "namespace", Node.str("ns-" + (n % 20))),
        "data", Node.obj("key", Node.str(value), "index", Node.str(Integer.toString(n))));
  }
}
