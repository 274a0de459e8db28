package dev.gitops4j.core.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-written kustomize layouts for the peer test, each exercising several fields. */
final class PeerCases {
  private PeerCases() {}

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
        labels: {app: api}
      spec:
        replicas: 2
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            serviceAccountName: api
            containers:
              - name: api
                image: example/api:1
                env:
                  - {name: A, value: "1"}
                  - name: PASSWORD
                    valueFrom: {secretKeyRef: {name: api-secret, key: password}}
              - name: debug
                image: busybox
            volumes:
              - name: data
                persistentVolumeClaim: {claimName: api-data}
      """;

  static Map<String, String> deprecated() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "app/kustomization.yaml",
        """
        resources: [deploy.yaml, extra.yaml]
        nameSuffix: -v2
        commonLabels: {tier: backend}
        patchesStrategicMerge:
          - drop-debug.yaml
          - |-
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: obsolete}
            $patch: delete
        patchesJson6902:
          - target: {group: apps, version: v1, kind: Deployment, name: api}
            path: json-patch.yaml
        """);
    f.put("app/deploy.yaml", DEPLOYMENT);
    f.put(
        "app/extra.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: obsolete}
        data: {a: b}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: api-secret}
        stringData: {password: not-a-secret}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: api-data}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api}
        """);
    f.put(
        "app/drop-debug.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
                - name: debug
                  $patch: delete
                - name: api
                  env:
                    - {name: B, value: two}
        """);
    f.put(
        "app/json-patch.yaml",
        """
        - op: replace
          path: /spec/replicas
          value: 5
        - op: add
          path: /metadata/annotations
          value: {patched: "yes"}
        """);
    return f;
  }

  static Map<String, String> references() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "app/kustomization.yaml",
        """
        namespace: team-a
        namePrefix: a-
        resources: [deploy.yaml, rbac.yaml, net.yaml]
        configMapGenerator:
          - name: settings
            envs: [settings.env]
            files: [conf/app.json, custom-key=conf/other.txt]
        secretGenerator:
          - name: api-secret
            literals: ["password='quoted value'", "token=abc"]
          - name: plain
            type: kubernetes.io/basic-auth
            literals: [username=u, password=p]
            options:
              disableNameSuffixHash: true
              labels: {kind: basic}
        generatorOptions:
          annotations: {note: generated}
        """);
    f.put(
        "app/deploy.yaml",
        DEPLOYMENT
            + """
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: api-data}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: api}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
          minReplicas: 1
          maxReplicas: 4
        """);
    f.put(
        "app/rbac.yaml",
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects:
          - {kind: ServiceAccount, name: api, namespace: elsewhere}
          - {kind: ServiceAccount, name: default}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: viewer}
        rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
        """);
    f.put(
        "app/net.yaml",
        """
        apiVersion: v1
        kind: Service
        metadata: {name: api}
        spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: api}
        spec:
          rules:
            - host: api.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: api, port: {number: 80}}}
        """);
    f.put("app/settings.env", "# comment\nMODE=fast\n\nLIMIT=10\n");
    f.put("app/conf/app.json", "{\"feature\": true, \"html\": \"<b>&</b>\"}\n");
    f.put("app/conf/other.txt", "line one\nline two\n");
    return f;
  }

  static Map<String, String> components() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "app/kustomization.yaml",
        """
        resources: [deploy.yaml]
        components: [../comp/probes, ../comp/extra]
        sortOptions: {order: fifo}
        images:
          - {name: example/api, digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
          - {name: busybox, newName: docker.io/library/busybox, newTag: "1.36"}
        """);
    f.put(
        "app/deploy.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, labels: {app: api}}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - {name: api, image: "example/api:1"}
                - {name: debug, image: busybox}
        """);
    f.put(
        "comp/probes/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        patches:
          - target: {kind: Deployment, labelSelector: "app in (api, web)"}
            patch: |-
              - op: add
                path: /spec/template/spec/containers/0/readinessProbe
                value: {httpGet: {path: /ready, port: 8080}}
        """);
    f.put(
        "comp/extra/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        resources: [pdb.yaml]
        configMapGenerator:
          - name: extra
            literals: [x=1]
        commonAnnotations: {component: extra}
        """);
    f.put(
        "comp/extra/pdb.yaml",
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: api}
        spec: {minAvailable: 1, selector: {matchLabels: {app: api}}}
        """);
    return f;
  }

  static Map<String, String> sharedBase() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "base/kustomization.yaml",
        """
        resources: [list.yaml]
        namePrefix: base-
        configMapGenerator:
          - {name: cfg, literals: [k=v]}
        """);
    f.put(
        "base/list.yaml",
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: one}
            data: {n: "1"}
          - apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                    - name: db
                      image: postgres:16
                      envFrom: [{configMapRef: {name: cfg}}]
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """);
    f.put(
        "one/kustomization.yaml",
        """
        resources: [../base]
        namePrefix: one-
        labels:
          - pairs: {overlay: one}
            includeSelectors: true
        replicas: [{name: base-db, count: 2}]
        """);
    f.put(
        "two/kustomization.yaml",
        """
        resources: [../base]
        namePrefix: two-
        namespace: two
        patches:
          - path: patch.yaml
            target: {kind: ConfigMap, name: "base-.*"}
        """);
    f.put(
        "two/patch.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ignored}
        data: {patched: "true"}
        """);
    f.put(
        "app/kustomization.yaml",
        """
        resources: [../one, ../two]
        """);
    return f;
  }
}
