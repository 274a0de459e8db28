package dev.gitops4j.core.secrets;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.secrets.DocumentDecryptor;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.secrets.SecretContext;
import dev.gitops4j.api.secrets.SecretProvider;
import dev.gitops4j.api.secrets.SecretRef;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.api.source.SnapshotFile;
import dev.gitops4j.core.secrets.internal.FieldLines;
import dev.gitops4j.core.secrets.internal.References;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the secrets of a desired state: whole-document encrypted manifests (through a {@link
 * DocumentDecryptor}) and {@code ${secret:SCHEME:KEY}} references (through {@link
 * SecretProvider}s), alone or inside longer strings (<code>$${</code> writes a literal <code>${
 * </code>). Every failure, and every malformed reference, is a problem with the file and the line
 * of the field; a string that held a reference becomes {@link Node.SecretText} as a whole, and
 * secret values never appear in a message.
 */
public final class SecretResolver {
  private final Seq<SecretProvider> providers;
  private final Seq<DocumentDecryptor> decryptors;

  /**
   * A resolver with these providers and decryptors.
   *
   * @param providers resolve {@code ${secret:SCHEME:KEY}} references; the first whose scheme
   *     matches is used; empty makes every reference a problem
   * @param decryptors decrypt whole encrypted manifests; the first that recognises a manifest is
   *     used; empty makes every SOPS-encrypted manifest a problem
   */
  public SecretResolver(Seq<SecretProvider> providers, Seq<DocumentDecryptor> decryptors) {
    this.providers = providers;
    this.decryptors = decryptors;
  }

  /**
   * The state with every secret resolved, or every problem found.
   *
   * @param state the loaded desired state, references still unresolved
   * @param snapshot the files of the same revision, which file-based providers read from
   * @return the state with decrypted manifests and references replaced by {@link Node.SecretText},
   *     or every problem found (secret values never in a message)
   */
  @SuppressWarnings("ReferenceEquality") // the same body object: nothing was decrypted
  public Validation<Seq<Problem>, DesiredState> resolve(DesiredState state, Snapshot snapshot) {
    SecretContext context = path -> snapshot.files().get(path).map(SnapshotFile::content);
    java.util.List<Resource> out = new ArrayList<>();
    java.util.List<Problem> problems = new ArrayList<>();
    boolean changed = false;
    for (Resource r : state.resources().values()) {
      Node.Obj body = r.body();
      Option<DocumentDecryptor> decryptor = decryptors.find(d -> d.isEncrypted(r.body()));
      boolean encrypted = decryptor.isDefined() || looksSopsEncrypted(body);
      if (encrypted && decryptor.isEmpty()) {
        problems.add(
            Problem.of(
                r,
                "secret-decrypt",
                "the manifest is SOPS-encrypted but no SOPS keys were configured"));
        continue;
      }
      if (decryptor.isDefined()) {
        String file = r.provenance().map(p -> p.file()).getOrElse("");
        Option<byte[]> bytes = context.file(file);
        Either<String, Node.Obj> decrypted =
            bytes.isEmpty()
                ? Either.left("cannot read " + file)
                : decryptor.get().decrypt(file, bytes.get());
        if (decrypted.isLeft()) {
          problems.add(Problem.of(r, "secret-decrypt", decrypted.getLeft()));
          continue;
        }
        body = keepComposition(body.without("sops"), decrypted.get());
      }
      if (body == r.body() && !mayHoldReference(body)) {
        out.add(r);
        continue;
      }
      changed = true;
      java.util.List<Problem> found = new ArrayList<>();
      FieldLines lines = new FieldLines(r, context);
      Node resolved = references(body, r, context, lines, found);
      if (found.isEmpty()) {
        out.add(new Resource(r.id(), (Node.Obj) resolved, r.dependsOn(), r.provenance()));
      }
      problems.addAll(found);
    }
    if (!problems.isEmpty()) {
      return Validation.invalid(List.ofAll(problems));
    }
    return Validation.valid(changed ? DesiredState.of(state.revision(), List.ofAll(out)) : state);
  }

  /** Whether any string below {@code node} may hold a reference; most manifests hold none. */
  private static boolean mayHoldReference(Node node) {
    if (node instanceof Node.Str s) {
      return References.mayHold(s.value());
    }
    if (node instanceof Node.Obj o) {
      for (var field : o.fields()) {
        if (mayHoldReference(field._2)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof Node.Arr a) {
      for (Node v : a.items()) {
        if (mayHoldReference(v)) {
          return true;
        }
      }
    }
    return false;
  }

  private Node references(
      Node node,
      Resource r,
      SecretContext context,
      FieldLines lines,
      java.util.List<Problem> found) {
    if (node instanceof Node.Str s) {
      return References.mayHold(s.value()) ? string(s, context, lines, found) : node;
    }
    if (node instanceof Node.Obj o) {
      return new Node.Obj(o.fields().mapValues(v -> references(v, r, context, lines, found)));
    }
    if (node instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(v -> references(v, r, context, lines, found)));
    }
    return node;
  }

  /**
   * The loaded body with each encrypted value replaced by the decrypted one at the same place, so
   * that what composition changed in clear fields (a namespace, labels, a name prefix) is kept; the
   * decrypted file as it is when the two no longer line up.
   */
  private static Node.Obj keepComposition(Node.Obj loaded, Node.Obj decrypted) {
    boolean[] missed = {false};
    Node merged = overlayEncrypted(loaded, decrypted, missed);
    return missed[0] || !(merged instanceof Node.Obj o) ? decrypted : o;
  }

  private static Node overlayEncrypted(Node loaded, @Nullable Node decrypted, boolean[] missed) {
    if (loaded instanceof Node.Str s && s.value().startsWith("ENC[")) {
      if (decrypted == null || (decrypted instanceof Node.Str d && d.value().startsWith("ENC["))) {
        missed[0] = true;
        return loaded;
      }
      return decrypted;
    }
    if (loaded instanceof Node.Obj o) {
      Node.Obj d = decrypted instanceof Node.Obj x ? x : Node.Obj.EMPTY;
      return new Node.Obj(
          o.fields()
              .map(
                  (k, v) ->
                      io.vavr.Tuple.of(k, overlayEncrypted(v, d.get(k).getOrNull(), missed))));
    }
    if (loaded instanceof Node.Arr a) {
      Node.Arr d = decrypted instanceof Node.Arr x ? x : Node.Arr.EMPTY;
      io.vavr.collection.Vector<Node> items = io.vavr.collection.Vector.empty();
      for (int i = 0; i < a.items().size(); i++) {
        items =
            items.append(
                overlayEncrypted(
                    a.items().get(i), i < d.items().size() ? d.items().get(i) : null, missed));
      }
      return new Node.Arr(items);
    }
    return loaded;
  }

  /** A string with its references resolved: secret text when it held one, else itself. */
  private Node string(
      Node.Str s, SecretContext context, FieldLines lines, java.util.List<Problem> found) {
    Seq<References.Part> parts = References.scan(s.value());
    if (parts.size() == 1 && parts.head() instanceof References.Literal literal) {
      return literal.text().equals(s.value()) ? s : Node.str(literal.text());
    }
    StringBuilder value = new StringBuilder();
    boolean ok = true;
    for (References.Part part : parts) {
      if (part instanceof References.Literal literal) {
        value.append(literal.text());
      } else if (part instanceof References.Malformed bad) {
        found.add(
            lines.problem(
                bad.source(),
                "secret-reference",
                "'" + bad.source() + "' " + bad.why() + " (write $${ for a literal ${)"));
        ok = false;
      } else if (part instanceof References.Ref ref) {
        Either<String, Secret> secret = resolve(ref.ref(), context);
        if (secret.isLeft()) {
          found.add(lines.problem(ref.source(), "secret-unresolved", secret.getLeft()));
          ok = false;
        } else {
          value.append(secret.get().reveal());
        }
      }
    }
    return ok ? new Node.SecretText(Secret.of(value.toString())) : s;
  }

  private Either<String, Secret> resolve(SecretRef ref, SecretContext context) {
    Option<SecretProvider> provider = providers.find(p -> p.scheme().equals(ref.scheme()));
    if (provider.isEmpty()) {
      return Either.left(
          "no secret provider for scheme '" + ref.scheme() + "' (reference " + ref + ")");
    }
    return provider.get().resolve(ref, context).mapLeft(why -> ref + ": " + why);
  }

  /**
   * Whether a manifest carries SOPS metadata (a {@code sops} mapping with a MAC).
   *
   * @param body a manifest as read from Git
   * @return true when it has a {@code sops} mapping holding {@code mac} or {@code lastmodified}
   */
  public static boolean looksSopsEncrypted(Node.Obj body) {
    return body.get("sops")
        .exists(
            s ->
                s instanceof Node.Obj o
                    && (o.get("mac").isDefined() || o.get("lastmodified").isDefined()));
  }
}
