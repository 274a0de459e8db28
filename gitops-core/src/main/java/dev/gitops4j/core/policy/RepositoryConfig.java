package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.load.internal.FileParser;
import dev.gitops4j.core.load.internal.ParsedDocument;
import dev.gitops4j.core.plan.PlanSettings;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Set;

/**
 * The conventions a repository carries itself, in {@code gitops4j.yaml} at its root, read as
 * strictly as manifests: an unknown key, a wrong type or an unknown convention is a {@code config}
 * problem at its line. The policies it declares run on every load, with those given in code.
 *
 * <pre>{@code
 * policies:
 *   naming:                          # one rule, or a list of rules
 *     convention: kebab-case         # or dns-1123-label, dns-1123-subdomain, camelCase, PascalCase
 *     pattern: "[a-z]+(-[a-z]+)*"    # instead of a convention
 *     prefix: prod-                  # optional, with suffix, kinds and paths
 *     paths: [overlays/prod]
 *   requiredLabels: [app.kubernetes.io/name]
 *   requiredAnnotations: [team.example.com/owner]
 *   placement:
 *     - {path: teams/payments, namespaces: [payments], kinds: [Deployment, Service]}
 *   forbiddenFields: [/spec/template/spec/hostNetwork]
 *   limits: {resourcesPerNamespace: 500, documentBytes: 524288}
 *   schemas:
 *     - {kind: Widget, file: schemas/widget.schema.json}
 * plan:                              # planning settings, see PlanSettings
 *   ignore:
 *     - {kind: Deployment, pointer: /spec/replicas}
 *   listKeys:
 *     - {path: /spec/ports, key: port}
 * }</pre>
 */
public final class RepositoryConfig {
  /** The file's name, at the repository root. */
  public static final String FILE = "gitops4j.yaml";

  private static final Set<String> TOP = Set.of("policies", "plan");
  private static final Set<String> POLICIES =
      Set.of(
          "naming",
          "requiredLabels",
          "requiredAnnotations",
          "placement",
          "forbiddenFields",
          "limits",
          "schemas");
  private static final Set<String> NAMING =
      Set.of("convention", "pattern", "prefix", "suffix", "kinds", "paths");
  private static final Set<String> PLACEMENT = Set.of("path", "namespaces", "kinds");
  private static final Set<String> LIMITS = Set.of("resourcesPerNamespace", "documentBytes");
  private static final Set<String> SCHEMA = Set.of("kind", "file");

  private final Snapshot snapshot;
  private final String[] lines;
  private final java.util.List<Problem> problems = new ArrayList<>();
  private final java.util.List<Policy> policies = new ArrayList<>();
  private PlanSettings plan = PlanSettings.NONE;

  /**
   * What a repository's {@code gitops4j.yaml} declares.
   *
   * @param policies the policies to run on every load
   * @param plan the planning settings (ignore rules, list keys)
   */
  public record Settings(Seq<Policy> policies, PlanSettings plan) {
    /** No policies, no planning settings: a repository without the file. */
    public static final Settings NONE = new Settings(List.empty(), PlanSettings.NONE);

    /**
     * Checks that no component is null.
     *
     * @param policies the policies to run on every load, in file order
     * @param plan the planning settings; {@link PlanSettings#NONE} when the file has none
     */
    public Settings {
      java.util.Objects.requireNonNull(policies, "policies");
      java.util.Objects.requireNonNull(plan, "plan");
    }
  }

  private RepositoryConfig(Snapshot snapshot, String text) {
    this.snapshot = snapshot;
    this.lines = text.split("\n", -1);
  }

  /**
   * The policies declared by the snapshot's {@code gitops4j.yaml}; none if it has none.
   *
   * @param snapshot the checked-out revision whose root may hold the file
   * @return the declared policies (empty without the file), or every problem in the file
   */
  public static Validation<Seq<Problem>, Seq<Policy>> read(Snapshot snapshot) {
    return load(snapshot).map(Settings::policies);
  }

  /**
   * Everything the snapshot's {@code gitops4j.yaml} declares (policies and planning settings);
   * {@link Settings#NONE} if it has none. Every problem is reported at its line, at once.
   *
   * @param snapshot the checked-out revision whose root may hold the file; schema files it names
   *     are read from it too
   * @return the settings, or every problem in the file, each at its line
   */
  public static Validation<Seq<Problem>, Settings> load(Snapshot snapshot) {
    Option<SnapshotFile> file = snapshot.files().get(FILE);
    if (file.isEmpty()) {
      return Validation.valid(Settings.NONE);
    }
    byte[] bytes = file.get().content();
    RepositoryConfig c = new RepositoryConfig(snapshot, new String(bytes, StandardCharsets.UTF_8));
    FileParser.Result parsed =
        new FileParser(1 << 20, 100_000).parse(FILE, bytes.length, () -> bytes);
    if (!parsed.problems().isEmpty()) {
      return Validation.invalid(parsed.problems());
    }
    Seq<ParsedDocument> docs = parsed.documents().filter(d -> !(d.node() instanceof Node.Null));
    if (docs.size() > 1 || docs.exists(d -> !(d.node() instanceof Node.Obj))) {
      return Validation.invalid(
          List.of(Problem.at(FILE, 1, 1, "config", "gitops4j.yaml must be one mapping")));
    }
    if (!docs.isEmpty()) {
      Node.Obj root = (Node.Obj) docs.head().node();
      c.top(root);
      for (Node section : root.get("plan")) {
        java.util.Map<String, Integer> lines = PointerLines.of(bytes);
        c.plan =
            PlanSettings.parse(
                section,
                (pointer, message) ->
                    c.problems.add(
                        Problem.at(FILE, PointerLines.near(lines, pointer), 1, "config", message)));
      }
    }
    return c.problems.isEmpty()
        ? Validation.valid(new Settings(List.ofAll(c.policies), c.plan))
        : Validation.invalid(List.ofAll(c.problems).sortBy(Problem::line));
  }

  private void top(Node.Obj root) {
    keys(root, TOP, "");
    Node.Obj p = obj(root, "policies");
    keys(p, POLICIES, "policies.");
    Option<Node> naming = p.get("naming");
    if (naming.isDefined()) {
      Vector<Node> rules = naming.get() instanceof Node.Arr a ? a.items() : Vector.of(naming.get());
      rules.forEach(this::naming);
    }
    List<String> labels = strings(p, "requiredLabels");
    if (!labels.isEmpty()) {
      policies.add(RequiredMetadataPolicy.labels(labels.toJavaArray(String[]::new)));
    }
    List<String> annotations = strings(p, "requiredAnnotations");
    if (!annotations.isEmpty()) {
      policies.add(RequiredMetadataPolicy.annotations(annotations.toJavaArray(String[]::new)));
    }
    for (Node n : items(p, "placement")) {
      Node.Obj rule = asObj(n, "placement");
      keys(rule, PLACEMENT, "placement.");
      Option<String> path = rule.get("path").flatMap(Node::asText);
      if (path.isEmpty()) {
        problem("path", "config", "placement entries need a path");
        continue;
      }
      PlacementPolicy policy = PlacementPolicy.under(path.get());
      List<String> kinds = strings(rule, "kinds");
      List<String> namespaces = strings(rule, "namespaces");
      policies.add(
          policy
              .kinds(kinds.toJavaArray(String[]::new))
              .namespaces(namespaces.toJavaArray(String[]::new)));
    }
    List<String> forbidden = strings(p, "forbiddenFields");
    if (!forbidden.isEmpty()) {
      try {
        policies.add(ForbiddenFieldsPolicy.of(forbidden.toJavaArray(String[]::new)));
      } catch (IllegalArgumentException e) {
        problem("forbiddenFields", "config", String.valueOf(e.getMessage()));
      }
    }
    if (p.get("limits").isDefined()) {
      Node.Obj limits = obj(p, "limits");
      keys(limits, LIMITS, "limits.");
      LimitsPolicy l = LimitsPolicy.none();
      for (long n : number(limits, "resourcesPerNamespace")) {
        l = l.resourcesPerNamespace((int) n);
      }
      for (long n : number(limits, "documentBytes")) {
        l = l.documentBytes(n);
      }
      policies.add(l);
    }
    for (Node n : items(p, "schemas")) {
      Node.Obj s = asObj(n, "schemas");
      keys(s, SCHEMA, "schemas.");
      Option<String> kind = s.get("kind").flatMap(Node::asText);
      Option<String> file = s.get("file").flatMap(Node::asText);
      if (kind.isEmpty() || file.isEmpty()) {
        problem("schemas", "config", "schema entries need a kind and a file");
        continue;
      }
      Option<SnapshotFile> f = snapshot.files().get(file.get());
      if (f.isEmpty() || f.get().symlink()) {
        problem(file.get(), "config", "schema file '" + file.get() + "' is not in the repository");
        continue;
      }
      try {
        policies.add(
            SchemaPolicy.of(
                kind.get(), file.get(), new String(f.get().content(), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        problem(file.get(), "config", String.valueOf(e.getMessage()));
      }
    }
  }

  private void naming(Node n) {
    Node.Obj rule = asObj(n, "naming");
    keys(rule, NAMING, "naming.");
    Option<String> convention = rule.get("convention").flatMap(Node::asText);
    Option<String> pattern = rule.get("pattern").flatMap(Node::asText);
    if (convention.isDefined() == pattern.isDefined()) {
      problem("naming", "config", "a naming rule needs exactly one of convention and pattern");
      return;
    }
    NamingPolicy policy;
    try {
      policy =
          convention.isDefined()
              ? NamingPolicy.named(convention.get())
              : NamingPolicy.matching(pattern.get());
    } catch (IllegalArgumentException e) {
      problem(
          convention.isDefined() ? "convention" : "pattern",
          "config",
          String.valueOf(e.getMessage()));
      return;
    }
    for (String prefix : rule.get("prefix").flatMap(Node::asText)) {
      policy = policy.withPrefix(prefix);
    }
    for (String suffix : rule.get("suffix").flatMap(Node::asText)) {
      policy = policy.withSuffix(suffix);
    }
    List<String> kinds = strings(rule, "kinds");
    if (!kinds.isEmpty()) {
      policy = policy.forKinds(kinds.toJavaArray(String[]::new));
    }
    List<String> paths = strings(rule, "paths");
    if (!paths.isEmpty()) {
      policy = policy.under(paths.toJavaArray(String[]::new));
    }
    policies.add(policy);
  }

  private void keys(Node.Obj obj, Set<String> allowed, String where) {
    for (String key : obj.fields().keySet()) {
      if (!allowed.contains(key)) {
        problem(
            key + ":",
            "config",
            "unknown key '"
                + where
                + key
                + "' (allowed: "
                + new java.util.TreeSet<>(allowed)
                + ")");
      }
    }
  }

  private Node.Obj obj(Node.Obj parent, String key) {
    Option<Node> n = parent.get(key);
    if (n.isEmpty() || n.get() instanceof Node.Null) {
      return Node.Obj.EMPTY;
    }
    return asObj(n.get(), key);
  }

  private Node.Obj asObj(Node n, String key) {
    if (n instanceof Node.Obj o) {
      return o;
    }
    problem(key, "config", "'" + key + "' must be a mapping");
    return Node.Obj.EMPTY;
  }

  private Vector<Node> items(Node.Obj parent, String key) {
    Option<Node> n = parent.get(key);
    if (n.isEmpty() || n.get() instanceof Node.Null) {
      return Vector.empty();
    }
    if (n.get() instanceof Node.Arr a) {
      return a.items();
    }
    problem(key, "config", "'" + key + "' must be a list");
    return Vector.empty();
  }

  private List<String> strings(Node.Obj parent, String key) {
    List<String> out = List.empty();
    for (Node n : items(parent, key)) {
      Option<String> s = n.asText();
      if (s.isEmpty()) {
        problem(key, "config", "'" + key + "' must be a list of strings");
      } else {
        out = out.append(s.get());
      }
    }
    return out;
  }

  private Option<Long> number(Node.Obj parent, String key) {
    Option<Node> n = parent.get(key);
    if (n.isEmpty()) {
      return Option.none();
    }
    if (n.get() instanceof Node.Int i && i.value().signum() > 0 && i.value().bitLength() < 31) {
      return Option.of(i.value().longValue());
    }
    problem(key, "config", "'" + key + "' must be a positive integer");
    return Option.none();
  }

  private void problem(String near, String rule, String message) {
    int line = 1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(near)) {
        line = i + 1;
        break;
      }
    }
    problems.add(Problem.at(FILE, line, 1, rule, message));
  }
}
