package dev.gitops4j.core.load;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Provenance;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.secrets.DocumentDecryptor;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.compose.Kustomize;
import dev.gitops4j.core.compose.Substitution;
import dev.gitops4j.core.load.internal.Fields;
import dev.gitops4j.core.load.internal.FileParser;
import dev.gitops4j.core.load.internal.Ignores;
import dev.gitops4j.core.load.internal.ListKinds;
import dev.gitops4j.core.load.internal.Names;
import dev.gitops4j.core.load.internal.Parallel;
import dev.gitops4j.core.load.internal.ParseCache;
import dev.gitops4j.core.load.internal.ParsedDocument;
import dev.gitops4j.core.load.internal.Sealed;
import dev.gitops4j.core.policy.RepositoryConfig;
import dev.gitops4j.core.secrets.SecretResolver;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link Snapshot} into a validated {@link DesiredState}, or every problem at once.
 *
 * <p>Reads {@code .yaml}, {@code .yml} and {@code .json} files (multi-document YAML included) as
 * Kubernetes-style manifests: {@code kind} and {@code metadata.name} are required, {@code
 * metadata.namespace} is optional. Files and folders whose name starts with a dot are skipped. A
 * folder holding a {@code kustomization.yaml} is rendered through it ({@link Kustomize}) instead of
 * being read file by file. Parsed files are cached by Git blob id, so loading the next commit
 * reparses only the files it changed. A snapshot read against the previous one ({@link
 * dev.gitops4j.api.source.Repository#checkout(dev.gitops4j.api.source.Revision, Snapshot)}) is
 * loaded by patching the previous desired state with its changed files alone, when that gives the
 * same result as a full load ({@link #loadsPatched()}).
 *
 * <pre>{@code
 * ManifestLoader loader = ManifestLoader.builder().maxFileSize(1 << 20).build();
 * Validation<Seq<Problem>, DesiredState> state = loader.load(snapshot);
 * }</pre>
 */
public final class ManifestLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestLoader.class);

  /** Fewer files than this are parsed on the calling thread alone. */
  static final int MIN_PARALLEL = 256;

  /**
   * One empty set for every resource without dependencies (an empty {@code TreeSet} costs 32 B).
   */
  private static final TreeSet<ResourceId> NO_DEPENDENCIES = TreeSet.empty();

  private final FileParser parser;
  private final ParseCache<Seq<Draft>> cache;
  private final Kustomize kustomize;
  private final Substitution substitution;

  private final Seq<String> excludes;
  private final int parallelism;
  private final Executor executor;
  private final AtomicReference<@Nullable Reload> last = new AtomicReference<>();
  private final AtomicLong patched = new AtomicLong();

  /**
   * A resource or the problems of one document, before cross-file checks; or a SOPS-encrypted
   * document whose id is encrypted too, to be decrypted before it can be read.
   */
  record Draft(Option<Resource> resource, Seq<Problem> problems, Option<ParsedDocument> sealed) {
    Draft(Option<Resource> resource, Seq<Problem> problems) {
      this(resource, problems, Option.none());
    }
  }

  private ManifestLoader(Builder b) {
    this.parser = new FileParser(b.maxFileSize, b.maxExpandedNodes);
    this.cache = new ParseCache<>(b.cacheCapacity);
    this.kustomize = Kustomize.withLimits(b.maxFileSize, b.maxExpandedNodes);
    this.substitution = Substitution.of(io.vavr.collection.HashMap.empty());
    this.excludes = List.ofAll(b.excludes);
    this.parallelism = b.parallelism;
    this.executor = b.executor;
  }

  private ManifestLoader(
      FileParser parser,
      ParseCache<Seq<Draft>> cache,
      Kustomize kustomize,
      Substitution substitution,
      Seq<String> excludes,
      int parallelism,
      Executor executor) {
    this.parser = parser;
    this.cache = cache;
    this.kustomize = kustomize;
    this.substitution = substitution;
    this.excludes = excludes;
    this.parallelism = parallelism;
    this.executor = executor;
  }

  /**
   * A loader with the default limits: 4 MiB files, a million nodes after alias expansion.
   *
   * @return a new loader with an empty parse cache of its own
   */
  public static ManifestLoader create() {
    return builder().build();
  }

  /**
   * A builder for a loader with other limits.
   *
   * @return a builder holding the default limits
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads and validates every manifest in the snapshot. A manifest encrypted whole with SOPS (its
   * kind and name too) is a problem here: use {@link #load(Snapshot, Seq)} with a decryptor.
   *
   * @param snapshot the files of one revision, under its root folder
   * @return the desired state at the snapshot's revision, or every problem found in every file
   */
  public Validation<Seq<Problem>, DesiredState> load(Snapshot snapshot) {
    return load(snapshot, List.empty());
  }

  /**
   * Loads and validates every manifest in the snapshot; manifests encrypted whole (kind and name
   * included, as {@code sops} encrypts by default) are decrypted by the first of {@code decryptors}
   * that reads them before their id is read. Their values stay {@link Node.SecretText}, except the
   * fields that identify the resource ({@code apiVersion}, {@code kind}, {@code metadata.name},
   * {@code metadata.namespace} and the {@value Resource#DEPENDS_ON} annotation).
   *
   * @param snapshot the files of one revision, under its root folder
   * @param decryptors tried in order on each whole-encrypted manifest; empty makes such a manifest
   *     a problem
   * @return the desired state at the snapshot's revision, or every problem found in every file
   */
  public Validation<Seq<Problem>, DesiredState> load(
      Snapshot snapshot, Seq<DocumentDecryptor> decryptors) {
    Reload previous = last.get();
    if (previous != null) {
      Option<Reload> next = previous.patch(this, snapshot, decryptors);
      if (next.isDefined()) {
        last.set(next.get());
        patched.incrementAndGet();
        return Validation.valid(next.get().state());
      }
    }
    Collected all = collect(snapshot, decryptors);
    if (all.resources().isInvalid()) {
      last.set(null);
      return Validation.invalid(all.resources().getError());
    }
    DesiredState state = new DesiredState(snapshot.revision(), all.byId());
    last.set(
        all.units().isEmpty()
            ? new Reload(
                state, snapshot, decryptors, all.ignores(), all.variables(), all.dependent())
            : null);
    return Validation.valid(state);
  }

  /**
   * Loads every manifest in the snapshot, in output order: plain files by path, then each
   * kustomization folder ({@link Kustomize#units}) in {@code kustomize build} order.
   *
   * @param snapshot the files of one revision, under its root folder
   * @return the resources in output order (not yet keyed by id, so duplicates are kept for the
   *     caller to see), or every problem found
   */
  public Validation<Seq<Problem>, Seq<Resource>> render(Snapshot snapshot) {
    return render(snapshot, List.empty());
  }

  /**
   * {@link #render(Snapshot)}, with whole-manifest SOPS files decrypted as {@link #load} does.
   *
   * @param snapshot the files of one revision, under its root folder
   * @param decryptors tried in order on each whole-encrypted manifest; empty makes such a manifest
   *     a problem
   * @return the resources in output order, or every problem found
   */
  public Validation<Seq<Problem>, Seq<Resource>> render(
      Snapshot snapshot, Seq<DocumentDecryptor> decryptors) {
    return collect(snapshot, decryptors).resources().map(r -> r);
  }

  /**
   * What a full load found: the resources or every problem, and what {@link Reload} needs to patch
   * them later.
   */
  private record Collected(
      Validation<Seq<Problem>, List<Resource>> resources,
      TreeMap<ResourceId, Resource> byId,
      int dependent,
      Ignores ignores,
      Seq<String> units,
      io.vavr.collection.Map<String, String> variables) {}

  private Collected collect(Snapshot snapshot, Seq<DocumentDecryptor> decryptors) {
    java.util.List<Resource> resources = new ArrayList<>();
    java.util.List<Problem> problems = new ArrayList<>();
    Seq<String> units = Kustomize.units(snapshot);
    int manifests = 0;
    Ignores ignores = Ignores.of(snapshot, excludes);
    java.util.List<SnapshotFile> toParse = new ArrayList<>();
    // symlink problems, by the number of files to parse before them (to keep the order of files)
    java.util.Map<Integer, List<Problem>> symlinks = new java.util.HashMap<>();
    for (SnapshotFile file : (Iterable<SnapshotFile>) snapshot.files()::valuesIterator) {
      if (!isManifest(snapshot.root(), file.path())
          || insideUnit(units, file.path())
          || file.path().equals(RepositoryConfig.FILE)
          || ignores.ignored(file.path())) {
        continue;
      }
      if (file.symlink()) {
        symlinks.merge(
            toParse.size(),
            List.of(
                Problem.at(
                    file.path(),
                    1,
                    1,
                    "symlink",
                    "a symbolic link in the Git tree is not followed")),
            List::appendAll);
        continue;
      }
      manifests++;
      toParse.add(file);
    }
    java.util.List<Seq<Draft>> parsed =
        Parallel.map(toParse, f -> drafts(f, decryptors), parallelism, executor, MIN_PARALLEL);
    for (int i = 0; i < parsed.size(); i++) {
      for (Problem p : symlinks.getOrDefault(i, List.empty())) {
        problems.add(p);
      }
      for (Draft draft : parsed.get(i)) {
        problems.addAll(draft.problems().asJava());
        draft.resource().forEach(resources::add);
      }
    }
    for (Problem p : symlinks.getOrDefault(parsed.size(), List.empty())) {
      problems.add(p);
    }
    for (String unit : units) {
      Validation<Seq<Problem>, Seq<Kustomize.Rendered>> out = kustomize.render(snapshot, unit);
      if (out.isInvalid()) {
        problems.addAll(out.getError().asJava());
        continue;
      }
      for (Kustomize.Rendered r : out.get()) {
        Provenance at = r.provenance();
        Draft d =
            toResource(
                at.file(), at.blobId(), new ParsedDocument(r.body(), at.line(), 1, Map.of()));
        problems.addAll(d.problems().asJava());
        d.resource().forEach(resources::add);
      }
    }
    if (manifests == 0 && units.isEmpty()) {
      String where = snapshot.root().isEmpty() ? "." : snapshot.root();
      problems.add(
          Problem.general(
              where,
              "nothing-to-load",
              "no manifest (.yaml, .yml or .json file) and no kustomization under '"
                  + where
                  + "' at "
                  + snapshot.revision().shortId()
                  + "; dot-files and ignored files are not manifests"));
    }
    List<Resource> loaded = List.ofAll(resources);
    io.vavr.collection.Map<String, String> vars = substitution.effective(loaded);
    Validation<Seq<Problem>, List<Resource>> substituted = substitute(loaded, vars);
    if (substituted.isInvalid()) {
      problems.addAll(substituted.getError().asJava());
    } else {
      loaded = substituted.get();
    }
    TreeMap<ResourceId, Resource> byId = TreeMap.empty();
    int dependent = 0;
    if (problems.isEmpty()) {
      for (Resource r : loaded) {
        byId = byId.put(r.id(), r);
        dependent += r.dependsOn().isEmpty() ? 0 : 1;
      }
    }
    // without duplicates (the map holds every resource) and dependencies, nothing to check
    if (!problems.isEmpty() || dependent > 0 || byId.size() != loaded.size()) {
      problems.addAll(DependencyCheck.check(loaded, !problems.isEmpty()).asJava());
    }
    if (!problems.isEmpty()) {
      LOG.debug("{} problems at {}", problems.size(), snapshot.revision());
      return new Collected(
          Validation.invalid(List.ofAll(problems)), TreeMap.empty(), 0, ignores, units, vars);
    }
    return new Collected(Validation.valid(loaded), byId, dependent, ignores, units, vars);
  }

  /** The resources (or problems) of one manifest file: parsed once per blob, SOPS unsealed. */
  Seq<Draft> drafts(SnapshotFile file, Seq<DocumentDecryptor> decryptors) {
    Seq<Draft> drafts = cache.get(file.path(), file.blobId(), () -> parseFile(file));
    return drafts.exists(d -> d.sealed().isDefined())
        ? drafts.map(d -> d.sealed().isDefined() ? unseal(file, d.sealed().get(), decryptors) : d)
        : drafts;
  }

  private static Draft unseal(
      SnapshotFile file, ParsedDocument doc, Seq<DocumentDecryptor> decryptors) {
    Node.Obj body = (Node.Obj) doc.node();
    Option<DocumentDecryptor> decryptor = decryptors.find(d -> d.isEncrypted(body));
    if (decryptor.isEmpty()) {
      return draft(
          Problem.at(
              file.path(),
              doc.line(),
              doc.column(),
              "secret-decrypt",
              "the manifest is SOPS-encrypted, its kind and name too, and no SOPS keys were"
                  + " configured to read them"));
    }
    Either<String, Node.Obj> decrypted = decryptor.get().decrypt(file.path(), file.content());
    if (decrypted.isLeft()) {
      return draft(
          Problem.at(file.path(), doc.line(), doc.column(), "secret-decrypt", decrypted.getLeft()));
    }
    Node.Obj clear = Sealed.revealIdentity(decrypted.get());
    return toResource(
        file.path(),
        file.blobId(),
        new ParsedDocument(clear, doc.line(), doc.column(), doc.keyLines()));
  }

  static Validation<Seq<Problem>, List<Resource>> substitute(
      List<Resource> resources, io.vavr.collection.Map<String, String> vars) {
    if (vars.isEmpty()) {
      return Validation.valid(resources);
    }
    List<Resource> out = List.empty();
    List<Problem> problems = List.empty();
    for (Resource r : resources) {
      if (r.annotations().get(Substitution.DISABLE_ANNOTATION).contains("disabled")
          || Substitution.isVariables(r)) {
        out = out.prepend(r);
        continue;
      }
      Substitution.Result result = Substitution.apply(r.body(), vars);
      for (String what : result.undefined()) {
        problems = problems.prepend(Substitution.undefined(r, what));
      }
      if (result.body().equals(r.body())) {
        out = out.prepend(r);
        continue;
      }
      Provenance at = r.provenance().getOrElse(new Provenance("", 0, 0, ""));
      Draft d =
          toResource(
              at.file(), at.blobId(), new ParsedDocument(result.body(), at.line(), 1, Map.of()));
      problems = problems.prependAll(d.problems().reverse());
      out = d.resource().isDefined() ? out.prepend(d.resource().get()) : out;
    }
    return problems.isEmpty()
        ? Validation.valid(out.reverse())
        : Validation.invalid(problems.reverse());
  }

  /**
   * A loader that substitutes these variables after composition ({@link Substitution}), sharing
   * this loader's limits and parse cache.
   *
   * @param variables variable names to the values put in their place; they replace (not add to) any
   *     variables this loader had; empty leaves only the repository's variable ConfigMaps
   * @return a new loader; this one is unchanged
   * @throws IllegalArgumentException if a name is not a valid variable name
   */
  public ManifestLoader withVariables(io.vavr.collection.Map<String, String> variables) {
    return new ManifestLoader(
        parser, cache, kustomize, Substitution.of(variables), excludes, parallelism, executor);
  }

  /**
   * How many loads were made by patching the previous desired state with the files a commit changed
   * ({@link Snapshot#changes()}), instead of going through every file.
   *
   * @return how many loads were patched since this loader was built
   */
  public long loadsPatched() {
    return patched.get();
  }

  private static boolean insideUnit(Seq<String> units, String path) {
    return units.exists(u -> Kustomize.under(u, path));
  }

  /**
   * How many files were parsed because the cache did not hold them yet.
   *
   * @return the count of cache misses since this loader (or the one whose cache it shares) was
   *     built; a measure of incremental loading
   */
  public long filesParsed() {
    return cache.misses();
  }

  static boolean isManifest(String root, String path) {
    if (!Kustomize.under(root, path)) {
      return false;
    }
    int from = root.isEmpty() || path.equals(root) ? 0 : root.length() + 1;
    if (path.startsWith(".", from) || path.indexOf("/.", from) >= 0) {
      return false;
    }
    int slash = path.lastIndexOf('/');
    int start = Math.max(from, slash + 1);
    return FileParser.handles(path)
        && !path.regionMatches(true, start, "kustomization.", 0, "kustomization.".length());
  }

  private Seq<Draft> parseFile(SnapshotFile file) {
    FileParser.Result parsed = parser.parse(file.path(), file.size(), file::content);
    java.util.List<Draft> drafts = new ArrayList<>();
    if (!parsed.problems().isEmpty()) {
      drafts.add(new Draft(Option.none(), parsed.problems()));
    }
    boolean single = parsed.documents().size() == 1;
    for (ParsedDocument doc : parsed.documents()) {
      if (doc.node() instanceof Node.Null) {
        continue;
      }
      for (ParsedDocument item : ListKinds.expand(doc)) {
        drafts.add(sealedOrResource(file, item, single));
      }
    }
    return List.ofAll(drafts);
  }

  private static Draft sealedOrResource(SnapshotFile file, ParsedDocument doc, boolean single) {
    if (doc.node() instanceof Node.Obj body
        && SecretResolver.looksSopsEncrypted(body)
        && Sealed.identityEncrypted(body)) {
      if (!single) {
        return draft(
            Problem.at(
                file.path(),
                doc.line(),
                doc.column(),
                "secret-decrypt",
                "a SOPS-encrypted manifest must be the only document of its file"));
      }
      return new Draft(Option.none(), List.empty(), Option.of(doc));
    }
    return toResource(file.path(), file.blobId(), doc);
  }

  private static Draft toResource(String path, String blobId, ParsedDocument doc) {
    if (!(doc.node() instanceof Node.Obj body)) {
      return draft(
          Problem.at(
              path,
              doc.line(),
              doc.column(),
              "not-a-mapping",
              "a manifest must be a mapping with kind and metadata, not a "
                  + describe(doc.node())));
    }
    List<Problem> problems = List.ofAll(Fields.check(path, doc, body));
    Option<Node> metadata = body.get("metadata");
    Option<String> kind = body.get("kind").flatMap(Node::asText);
    Option<String> name = metadata.flatMap(m -> field(m, "name")).flatMap(Node::asText);
    Option<Node> namespaceNode = metadata.flatMap(m -> field(m, "namespace"));
    Option<String> namespace = namespaceNode.flatMap(Node::asText);
    if (kind.isEmpty()) {
      problems = problems.append(missing(path, doc, "/kind", "kind"));
    } else {
      problems = problems.appendAll(invalid(path, doc, "/kind", "kind", kind.get()));
    }
    if (name.isEmpty()) {
      problems = problems.append(missing(path, doc, "/metadata/name", "metadata.name"));
    } else {
      problems =
          problems.appendAll(invalid(path, doc, "/metadata/name", "metadata.name", name.get()));
    }
    if (namespaceNode.isDefined() && namespace.isEmpty()) {
      problems =
          problems.append(
              Problem.at(
                  path,
                  doc.lineOf("/metadata/namespace"),
                  1,
                  "invalid-name",
                  "metadata.namespace must be a string"));
    }
    for (String ns : namespace) {
      problems =
          problems.appendAll(invalid(path, doc, "/metadata/namespace", "metadata.namespace", ns));
    }
    if (!problems.isEmpty()) {
      return new Draft(Option.none(), problems);
    }
    ResourceId id = new ResourceId(kind.get(), namespace, name.get());
    Provenance provenance = new Provenance(path, doc.line(), doc.column(), blobId);
    Resource resource = new Resource(id, body, NO_DEPENDENCIES, Option.of(provenance));
    return DependencyCheck.parseDependsOn(resource, doc.lineOf("/metadata/annotations"));
  }

  private static Option<Node> field(Node node, String key) {
    return node instanceof Node.Obj o ? o.get(key) : Option.none();
  }

  private static Problem missing(String path, ParsedDocument doc, String pointer, String field) {
    boolean present = doc.node().at(pointer).isDefined();
    String required =
        pointer.equals("/metadata/name") && doc.node() instanceof Node.Obj body
            ? Fields.nameRequired(body)
            : field + " is required";
    return Problem.at(
        path,
        doc.lineOf(pointer),
        doc.column(),
        present ? "invalid-name" : "missing-field",
        present ? field + " must be a string" : required);
  }

  private static Seq<Problem> invalid(
      String path, ParsedDocument doc, String pointer, String field, String value) {
    return Names.check(field, value)
        .map(msg -> Problem.at(path, doc.lineOf(pointer), 1, "invalid-name", msg))
        .toList();
  }

  private static String describe(Node node) {
    if (node instanceof Node.Arr) {
      return "sequence";
    }
    return node instanceof Node.Str ? "string" : "scalar";
  }

  static Draft draft(Resource resource) {
    return new Draft(Option.of(resource), List.empty());
  }

  static Draft draft(Problem problem) {
    return new Draft(Option.none(), List.of(problem));
  }

  /** Limits for a {@link ManifestLoader}, checked at {@link #build()}. */
  public static final class Builder {
    private long maxFileSize = 4L << 20;
    private long maxExpandedNodes = 1_000_000;
    private int cacheCapacity = 200_000;
    private final java.util.List<String> excludes = new ArrayList<>();
    private int parallelism = Math.min(4, Runtime.getRuntime().availableProcessors());
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /**
     * How many threads parse the files of one load, the calling thread included (default: the
     * available processors, at most 4). Loads of fewer than 256 files, and {@code 1}, parse on the
     * calling thread alone. The result does not depend on it: documents, problems and their order
     * are the same.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder parallelism(int threads) {
      this.parallelism = threads;
      return this;
    }

    /**
     * Where the helper threads of {@link #parallelism} run (default: {@link
     * ForkJoinPool#commonPool()}). The calling thread parses too and never waits for a helper that
     * has not started, so a busy or rejecting executor slows a load down but cannot block it.
     *
     * @param executor the executor for helper threads
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = java.util.Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Leaves out files matching a gitignore-style pattern, from the repository root (such as {@code
     * dashboards/}, {@code *.tmpl.yaml} or {@code /ci/**}), on top of the {@code .gitops4jignore}
     * files of the repository. May be called several times.
     *
     * @param pattern one line of gitignore syntax; a leading {@code !} re-includes
     * @return this builder
     * @throws IllegalArgumentException if the pattern matches nothing (empty, or a comment)
     */
    public Builder exclude(String pattern) {
      Ignores.rules(List.of(pattern));
      excludes.add(pattern);
      return this;
    }

    /**
     * The largest file read, in bytes; larger ones are a {@code file-too-large} problem.
     *
     * @param bytes the size limit; positive (checked at {@link #build()}); 4 MiB by default
     * @return this builder
     */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = bytes;
      return this;
    }

    /**
     * How many nodes a document may hold once YAML aliases are expanded.
     *
     * @param nodes the limit that stops "billion laughs" documents; positive (checked at {@link
     *     #build()}); a million by default
     * @return this builder
     */
    public Builder maxExpandedNodes(long nodes) {
      this.maxExpandedNodes = nodes;
      return this;
    }

    /**
     * How many parsed files to keep, by blob id.
     *
     * @param files the cache size in files; positive (checked at {@link #build()}); 200,000 by
     *     default
     * @return this builder
     */
    public Builder cacheCapacity(int files) {
      this.cacheCapacity = files;
      return this;
    }

    /**
     * The loader.
     *
     * @return a new loader with these limits and an empty parse cache
     * @throws IllegalArgumentException if a limit is not positive
     */
    public ManifestLoader build() {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
      }
      if (maxFileSize <= 0 || maxExpandedNodes <= 0 || cacheCapacity <= 0) {
        throw new IllegalArgumentException(
            "limits must be positive: maxFileSize="
                + maxFileSize
                + " maxExpandedNodes="
                + maxExpandedNodes
                + " cacheCapacity="
                + cacheCapacity);
      }
      return new ManifestLoader(this);
    }
  }
}
