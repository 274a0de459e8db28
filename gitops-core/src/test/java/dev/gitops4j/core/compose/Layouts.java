package dev.gitops4j.core.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated kustomize layouts: a base of ConfigMaps, Deployments and Services, an optional
 * component, and an overlay ("app") with a random mix of prefix, suffix, namespace, labels,
 * annotations, a generator, a strategic merge patch, a JSON 6902 patch and images.
 */
record Layouts(
    List<String> names,
    boolean prefix,
    boolean suffix,
    boolean namespace,
    int labels,
    boolean generator,
    boolean smp,
    boolean json6902,
    boolean component,
    boolean images,
    List<Integer> order) {

  static Arbitrary<Layouts> arbitrary() {
    Arbitrary<List<String>> names =
        Arbitraries.of("api", "web", "db", "cache", "queue", "auth")
            .set()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(ArrayList::new);
    Arbitrary<Boolean> b = Arbitraries.of(true, false);
    return Combinators.combine(names, b, b, b, Arbitraries.integers().between(0, 2), b, b, b)
        .as(
            (n, p, s, ns, l, g, smp, j) ->
                new Layouts(n, p, s, ns, l, g, smp, j, false, false, List.of()))
        .flatMap(
            l ->
                Combinators.combine(b, b, Arbitraries.shuffle(indexes(l.names.size() * 3)))
                    .as(
                        (c, i, o) ->
                            new Layouts(
                                l.names,
                                l.prefix,
                                l.suffix,
                                l.namespace,
                                l.labels,
                                l.generator,
                                l.smp,
                                l.json6902,
                                c,
                                i,
                                o)));
  }

  private static List<Integer> indexes(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** The same layout with the base's resource files listed in another order. */
  Layouts withOrder(List<Integer> other) {
    return new Layouts(
        names, prefix, suffix, namespace, labels, generator, smp, json6902, component, images,
        other);
  }

  Map<String, String> files() {
    Map<String, String> f = new LinkedHashMap<>();
    List<String> resources = new ArrayList<>();
    for (String n : names) {
      f.put(
          "base/" + n + "-cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + n + "}\ndata: {key: " + n + "}\n");
      f.put("base/" + n + "-deploy.yaml", deployment(n));
      f.put(
          "base/" + n + "-svc.yaml",
          "apiVersion: v1\nkind: Service\nmetadata: {name: "
              + n
              + "}\nspec: {selector: {app: "
              + n
              + "}, ports: [{port: 80}]}\n");
      resources.add(n + "-cm.yaml");
      resources.add(n + "-deploy.yaml");
      resources.add(n + "-svc.yaml");
    }
    List<String> ordered = new ArrayList<>();
    for (int i : order.isEmpty() ? indexes(resources.size()) : order) {
      ordered.add(resources.get(i));
    }
    f.put(
        "base/kustomization.yaml",
        "resources:\n"
            + list(ordered)
            + "configMapGenerator:\n  - name: base-env\n    literals: [MODE=base]\n");
    StringBuilder k = new StringBuilder("resources:\n  - ../base\n");
    String first = names.get(0);
    if (prefix) {
      k.append("namePrefix: pre-\n");
    }
    if (suffix) {
      k.append("nameSuffix: -suf\n");
    }
    if (namespace) {
      k.append("namespace: generated\n");
    }
    if (labels == 1) {
      k.append("commonLabels: {team: gen}\n");
    } else if (labels == 2) {
      k.append("labels:\n  - pairs: {team: gen}\n    includeTemplates: true\n");
    }
    k.append("commonAnnotations: {owner: gen}\n");
    if (generator) {
      k.append(
          "configMapGenerator:\n  - name: base-env\n    behavior: merge\n    literals: [EXTRA=yes]\n  - name: fresh\n    literals: [A=1]\n");
    }
    List<String> patches = new ArrayList<>();
    if (smp) {
      f.put(
          "app/smp.yaml",
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: "
              + first
              + "}\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          env: [{name: PATCHED, value: \"1\"}]\n        - name: sidecar\n          image: proxy:1\n");
      patches.add("  - path: smp.yaml\n");
    }
    if (json6902) {
      patches.add(
          "  - target: {kind: Service}\n    patch: |-\n      - {op: add, path: /spec/ports/-, value: {port: 9090, name: metrics}}\n");
    }
    if (!patches.isEmpty()) {
      k.append("patches:\n");
      patches.forEach(k::append);
    }
    if (component) {
      f.put(
          "comp/kustomization.yaml",
          "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [pdb.yaml]\nreplicas: [{name: "
              + first
              + ", count: 4}]\n");
      f.put(
          "comp/pdb.yaml",
          "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: "
              + first
              + "}\nspec: {minAvailable: 1, selector: {matchLabels: {app: "
              + first
              + "}}}\n");
      k.append("components: [../comp]\n");
    }
    if (images) {
      k.append(
          "images:\n  - {name: example/"
              + first
              + ", newTag: \"2.0\"}\n  - {name: proxy, newName: registry.example.com/proxy}\n");
    }
    f.put("app/kustomization.yaml", k.toString());
    return f;
  }

  private static String list(List<String> items) {
    StringBuilder s = new StringBuilder();
    items.forEach(i -> s.append("  - ").append(i).append('\n'));
    return s.toString();
  }

  private static String deployment(String n) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: "
        + n
        + "}\nspec:\n  selector: {matchLabels: {app: "
        + n
        + "}}\n"
        + "  template:\n    metadata: {labels: {app: "
        + n
        + "}}\n    spec:\n      containers:\n        - name: main\n          image: example/"
        + n
        + ":1\n"
        + "          envFrom: [{configMapRef: {name: base-env}}]\n          volumeMounts: [{name: cfg, mountPath: /etc/cfg}]\n"
        + "      volumes: [{name: cfg, configMap: {name: "
        + n
        + "}}]\n";
  }
}
