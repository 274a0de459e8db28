package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites references to renamed resources (by a prefix, a suffix or a content hash) in the fields
 * kustomize knows for the built-in kinds: a Deployment mounting ConfigMap {@code app} mounts {@code
 * prod-app-5f7g8h} once the ConfigMap is renamed.
 */
public final class NameRefs {
  private NameRefs() {}

  /** Fixes every reference in {@code all}. */
  public static void fix(List<Res> all) {
    Map<String, List<Res>> byKind = new HashMap<>();
    boolean renamed = false;
    for (Res r : all) {
      byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
      renamed |= !r.previousIds().isEmpty();
    }
    if (!renamed) {
      return;
    }
    for (FieldSpecs.Reference ref : FieldSpecs.NAME_REFERENCES) {
      List<Res> referrals = byKind.getOrDefault(ref.kind(), List.of());
      if (referrals.stream().noneMatch(r -> !r.previousIds().isEmpty())) {
        continue;
      }
      for (FieldSpecs.Spec spec : ref.referrers()) {
        for (Res referrer : byKind.getOrDefault(spec.kind(), List.of())) {
          FieldSpecs.apply(
              referrer,
              new FieldSpecs.Spec(spec.group(), spec.version(), spec.kind(), spec.path(), false),
              old -> old.map(v -> rewrite(v, referrer, ref, referrals)));
        }
      }
    }
  }

  private static Node rewrite(
      Node value, Res referrer, FieldSpecs.Reference ref, List<Res> referrals) {
    if (value instanceof Node.Str s) {
      return find(s.value(), Option.none(), referrer, referrals)
          .map(r -> (Node) Node.str(r.name()))
          .getOrElse(value);
    }
    if (value instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(item -> rewrite(item, referrer, ref, referrals)));
    }
    if (value instanceof Node.Obj o) {
      Option<String> name = o.get("name").flatMap(Node::asText);
      if (name.isEmpty()) {
        return value;
      }
      if (o.get("kind").isDefined() && !o.get("kind").flatMap(Node::asText).contains(ref.kind())) {
        return value;
      }
      Option<String> ns = o.get("namespace").flatMap(Node::asText);
      Option<Res> target = find(name.get(), ns, referrer, referrals);
      if (target.isEmpty()) {
        return value;
      }
      Node.Obj out = o.with("name", Node.str(target.get().name()));
      if (ns.isDefined() && !target.get().namespace().isEmpty()) {
        out = out.with("namespace", Node.str(target.get().namespace()));
      }
      return out;
    }
    return value;
  }

  private static Option<Res> find(
      String name, Option<String> namespace, Res referrer, List<Res> referrals) {
    List<Res> candidates = new ArrayList<>();
    for (Res r : referrals) {
      if (r.name().equals(name) && r.previousIds().isEmpty()) {
        return Option.none();
      }
      for (Res.Id id : r.allIds()) {
        if (id.name().equals(name)
            && (namespace.isEmpty() || sameNs(namespace.get(), id.namespace()))) {
          candidates.add(r);
          break;
        }
      }
    }
    if (candidates.size() > 1 && namespace.isEmpty()) {
      List<Res> sameNs = new ArrayList<>();
      for (Res r : candidates) {
        if (Transforms.CLUSTER_SCOPED.contains(r.kind())
            || sameNs(r.namespace(), referrer.namespace())) {
          sameNs.add(r);
        }
      }
      candidates = sameNs;
    }
    if (candidates.size() > 1) {
      int best = -1;
      List<Res> closest = new ArrayList<>();
      for (Res r : candidates) {
        int shared = 0;
        for (Integer s : r.scopes()) {
          shared += referrer.scopes().contains(s) ? 1 : 0;
        }
        if (shared > best) {
          best = shared;
          closest.clear();
        }
        if (shared == best) {
          closest.add(r);
        }
      }
      candidates = closest;
    }
    return candidates.size() == 1 ? Option.of(candidates.get(0)) : Option.none();
  }

  private static boolean sameNs(String a, String b) {
    return Res.normalNs(a).equals(Res.normalNs(b));
  }
}
