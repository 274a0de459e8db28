package dev.gitops4j.core.drift;

import dev.gitops4j.api.model.JsonPointer;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.Drifted;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.plan.JsonPatch;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Where the target differs from Git, field by field: each effective change of a plan becomes a
 * {@link Drifted} resource, and an update lists the JSON Pointer of every field that differs with
 * the value Git wants and the value found. Values of a {@code Secret} kind, and any value where Git
 * holds a secret, are redacted on both sides, so a report never shows what the target holds in
 * place of a secret.
 */
public final class Drift {
  private static final int MAX_VALUE = 200;

  private Drift() {}

  /**
   * The drift a plan made against {@code actual} shows, in apply order.
   *
   * @param plan the plan
   * @param actual what the target held when it was made
   * @return the drift a plan made against {@code actual} shows, in apply order
   */
  public static Seq<Drifted> of(Plan plan, ActualState actual) {
    Vector<Drifted> out = Vector.empty();
    for (Change c : plan.effectiveChanges()) {
      Seq<Drifted.Field> fields = List.empty();
      Option<Node.Obj> found = actual.get(c.id());
      if (found.isDefined()) {
        if (c instanceof Change.Update u) {
          fields = fields(u.patch(), u.desired(), found.get(), isSecretKind(c));
        } else if (c instanceof Change.Replace r) {
          fields = fields(JsonPatch.diff(found.get(), r.desired()), r.desired(), found.get(), true);
        }
      }
      out = out.append(new Drifted(c.id(), c.action(), fields));
    }
    return out;
  }

  private static boolean isSecretKind(Change c) {
    return c.id().kind().equals("Secret");
  }

  private static Seq<Drifted.Field> fields(
      Seq<PatchOperation> patch, Node.Obj desired, Node.Obj actual, boolean redactAll) {
    LinkedHashSet<String> paths = LinkedHashSet.empty();
    for (PatchOperation op : patch) {
      if (op.op() != PatchOperation.Op.TEST) {
        paths = paths.add(op.path());
        if (op.from().isDefined()) {
          paths = paths.add(op.from().get());
        }
      }
    }
    Vector<Drifted.Field> out = Vector.empty();
    for (String path : paths) {
      List<String> tokens = JsonPointer.parse(path).getOrElse(List.empty());
      Option<Node> want = JsonPointer.get(desired, tokens);
      Option<Node> have = JsonPointer.get(actual, tokens);
      boolean secret = redactAll || want.exists(Drift::holdsSecret);
      out = out.append(new Drifted.Field(path, render(want, secret), render(have, secret)));
    }
    return out;
  }

  private static boolean holdsSecret(Node node) {
    if (node instanceof Node.SecretText) {
      return true;
    }
    if (node instanceof Node.Obj o) {
      return o.fields().values().exists(Drift::holdsSecret);
    }
    if (node instanceof Node.Arr a) {
      return a.items().exists(Drift::holdsSecret);
    }
    return false;
  }

  private static String render(Option<Node> value, boolean secret) {
    if (value.isEmpty()) {
      return Drifted.Field.ABSENT;
    }
    if (secret) {
      return Secret.REDACTED;
    }
    String json = Documents.toJson(value.get()).strip();
    return json.length() > MAX_VALUE ? json.substring(0, MAX_VALUE) + "..." : json;
  }
}
