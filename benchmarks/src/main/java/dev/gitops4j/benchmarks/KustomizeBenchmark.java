package dev.gitops4j.benchmarks;

import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.compose.Kustomize;
import dev.gitops4j.core.source.GitRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering a kustomization: GitOps4J in process against {@code kubectl kustomize} (kustomize
 * v5.5.0) as a whole process, on the same folder, in the same run. The layout: a base of {@code
 * resources} manifests (Deployments, Services and ConfigMaps, one file each) and an overlay with a
 * name prefix, a namespace, labels, annotations, a generator that every Deployment mounts, a
 * strategic merge patch on every Deployment and a JSON 6902 patch on every Service.
 */
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KustomizeBenchmark {
  @Param({"2000"})
  public int resources;

  private Path dir;
  private Snapshot snapshot;
  private GitRepository repository;
  private final Kustomize kustomize = Kustomize.create();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("kustomize-bench");
    writeLayout(dir, resources);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("layout")
          .setSign(false)
          .setAuthor("b", "b@e")
          .setCommitter("b", "b@e")
          .call();
    }
    repository = GitRepository.local(dir);
    snapshot = repository.checkout(repository.resolve().get()).get();
    int count = kustomize.render(snapshot, "overlay").get().size();
    if (count != resources + 1) {
      throw new IllegalStateException("rendered " + count + " resources");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    repository.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Writes the base and the overlay. */
  public static void writeLayout(Path dir, int resources) throws IOException {
    Path base = Files.createDirectories(dir.resolve("base"));
    StringBuilder k = new StringBuilder("resources:\n");
    for (int i = 0; i < resources; i++) {
      String name = "app-" + i;
      String kind = i % 3 == 0 ? "deploy" : i % 3 == 1 ? "svc" : "cm";
      String text =
          switch (kind) {
            case "deploy" ->
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
                    + name
                    + "\n  labels: {app: "
                    + name
                    + "}\n"
                    + "spec:\n  replicas: 1\n  selector: {matchLabels: {app: "
                    + name
                    + "}}\n  template:\n    metadata: {labels: {app: "
                    + name
                    + "}}\n"
                    + "    spec:\n      containers:\n        - name: main\n          image: example/"
                    + name
                    + ":1.0\n"
                    + "          ports: [{containerPort: 8080}]\n          env: [{name: MODE, value: base}]\n"
                    + "          volumeMounts: [{name: settings, mountPath: /etc/settings}]\n"
                    + "      volumes: [{name: settings, configMap: {name: settings}}]\n";
            case "svc" ->
                "apiVersion: v1\nkind: Service\nmetadata: {name: "
                    + name
                    + "}\nspec:\n  selector: {app: "
                    + name
                    + "}\n  ports: [{port: 80, targetPort: 8080}]\n";
            default ->
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
                    + name
                    + "}\ndata: {key: value-"
                    + i
                    + ", other: \""
                    + i
                    + "\"}\n";
          };
      Files.writeString(base.resolve(name + ".yaml"), text);
      k.append("  - ").append(name).append(".yaml\n");
    }
    Files.writeString(base.resolve("kustomization.yaml"), k.toString());
    Path overlay = Files.createDirectories(dir.resolve("overlay"));
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        """
        resources: [../base]
        namePrefix: prod-
        namespace: prod
        labels:
          - pairs: {env: prod}
            includeSelectors: true
        commonAnnotations: {owner: platform}
        configMapGenerator:
          - name: settings
            literals: [LOG_LEVEL=info, REGION=eu]
        patches:
          - target: {kind: Deployment}
            patch: |-
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: any}
              spec:
                replicas: 3
                template:
                  spec:
                    containers:
                      - name: main
                        env: [{name: MODE, value: prod}]
          - target: {kind: Service}
            patch: |-
              - {op: add, path: /spec/ports/-, value: {name: metrics, port: 9090}}
        """);
  }

  @Benchmark
  public int gitops4jRender() {
    return kustomize.render(snapshot, "overlay").get().size();
  }

  @Benchmark
  public int gitops4jCheckoutAndRender() {
    Snapshot s = repository.checkout(repository.resolve().get()).get();
    return kustomize.render(s, "overlay").get().size();
  }

  @Benchmark
  public int kubectlKustomize() throws Exception {
    Process p =
        new ProcessBuilder("kubectl", "kustomize", dir.resolve("overlay").toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("kubectl kustomize failed");
    }
    return new String(out, StandardCharsets.UTF_8).length();
  }
}
