package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * kustomize's built-in transformers over the accumulated resources: namespace, name prefix and
 * suffix, labels, annotations, replicas and images.
 */
public final class Transforms {
  /** Kinds that are not namespaced (kustomize leaves their namespace alone). */
  public static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PersistentVolume",
          "StorageClass",
          "PriorityClass",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "APIService",
          "IngressClass",
          "RuntimeClass",
          "CSIDriver",
          "CSINode",
          "VolumeAttachment",
          "Node",
          "PodSecurityPolicy",
          "ComponentStatus",
          "CertificateSigningRequest",
          "FlowSchema",
          "PriorityLevelConfiguration",
          "TokenReview",
          "SelfSubjectAccessReview",
          "SelfSubjectRulesReview",
          "SubjectAccessReview");

  private Transforms() {}

  /** Sets the namespace of every namespaced resource, as kustomize's {@code namespace} does. */
  public static void namespace(List<Res> all, String ns) {
    for (Res r : all) {
      if (!CLUSTER_SCOPED.contains(r.kind())) {
        r.body(Nodes.set(r.body(), Node.str(ns), "metadata", "namespace"));
      }
      for (FieldSpecs.Spec spec : FieldSpecs.NAMESPACE) {
        FieldSpecs.apply(r, spec, old -> Option.of(Node.str(ns)));
      }
      if (r.kind().equals("RoleBinding") || r.kind().equals("ClusterRoleBinding")) {
        Option<Node> subjects = Nodes.get(r.body(), "subjects");
        if (subjects.isDefined() && subjects.get() instanceof Node.Arr arr) {
          Node.Arr next =
              new Node.Arr(
                  arr.items()
                      .map(
                          s ->
                              s instanceof Node.Obj o
                                      && o.get("name").flatMap(Node::asText).contains("default")
                                  ? o.with("namespace", Node.str(ns))
                                  : s));
          r.body(r.body().with("subjects", next));
        }
      }
    }
  }

  /** Adds a prefix and a suffix to every name but those of CRDs, APIServices and Namespaces. */
  public static void prefixSuffix(List<Res> all, String prefix, String suffix) {
    for (Res r : all) {
      String kind = r.kind();
      if (kind.equals("CustomResourceDefinition")
          || kind.equals("Namespace")
          || (kind.equals("APIService") && r.group().equals("apiregistration.k8s.io"))) {
        continue;
      }
      if (r.body().at("/metadata/name").isDefined()) {
        r.body(Nodes.set(r.body(), Node.str(prefix + r.name() + suffix), "metadata", "name"));
      }
    }
  }

  /** Merges {@code pairs} into the mappings at the given field specs. */
  public static void addPairs(
      List<Res> all, Map<String, String> pairs, List<FieldSpecs.Spec> specs) {
    if (pairs.isEmpty()) {
      return;
    }
    for (Res r : all) {
      for (FieldSpecs.Spec spec : specs) {
        FieldSpecs.apply(
            r,
            spec,
            old -> {
              Node.Obj map =
                  old.isDefined() && old.get() instanceof Node.Obj o ? o : Node.Obj.EMPTY;
              for (Map.Entry<String, String> e : pairs.entrySet()) {
                map = map.with(e.getKey(), Node.str(e.getValue()));
              }
              return Option.of(map);
            });
      }
    }
  }

  /** Sets {@code spec.replicas} of the resources with that name. */
  public static boolean replicas(List<Res> all, String name, Node count) {
    boolean found = false;
    for (Res r : all) {
      if (r.allIds().stream().anyMatch(id -> id.name().equals(name))
          && Set.of("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController")
              .contains(r.kind())) {
        r.body(Nodes.set(r.body(), count, "spec", "replicas"));
        found = true;
      }
    }
    return found;
  }

  /** An {@code images} entry of a kustomization. */
  public record Image(String name, String newName, String newTag, String digest) {}

  /** Rewrites the image reference of every container and init container, anywhere but in CRDs. */
  public static void images(List<Res> all, List<Image> images) {
    for (Res r : all) {
      if (r.kind().equals("CustomResourceDefinition")) {
        continue;
      }
      Node next = r.body();
      for (Image image : images) {
        next = imagesIn(next, image, false);
      }
      if (next instanceof Node.Obj o && !o.equals(r.body())) {
        r.body(o);
      }
    }
  }

  private static Node imagesIn(Node node, Image image, boolean inContainers) {
    if (node instanceof Node.Arr a) {
      return new Node.Arr(a.items().map(i -> imagesIn(i, image, inContainers)));
    }
    if (!(node instanceof Node.Obj o)) {
      return node;
    }
    Node.Obj out = o;
    if (inContainers) {
      Option<String> value = o.get("image").flatMap(Node::asText);
      if (value.isDefined()) {
        Option<String> changed = updateImage(value.get(), image);
        if (changed.isDefined()) {
          out = out.with("image", Node.str(changed.get()));
        }
      }
    }
    for (var e : o.fields()) {
      if (e._2 instanceof Node.Obj || e._2 instanceof Node.Arr) {
        boolean list =
            (e._1.equals("containers") || e._1.equals("initContainers"))
                && e._2 instanceof Node.Arr;
        Node child = imagesIn(e._2, image, list);
        if (child != e._2) {
          out = out.with(e._1, child);
        }
      }
    }
    return out.equals(o) ? o : out;
  }

  /** The new image reference, if {@code value} is the image the entry names. */
  static Option<String> updateImage(String value, Image image) {
    try {
      Pattern p =
          Pattern.compile(
              "^"
                  + image.name()
                  + "(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$");
      if (!p.matcher(value).matches()) {
        return Option.none();
      }
    } catch (PatternSyntaxException e) {
      return Option.none();
    }
    String[] split = split(value);
    String name = image.newName().isEmpty() ? split[0] : image.newName();
    String tag = split[1];
    String digest = split[2];
    if (!image.newTag().isEmpty() && !image.digest().isEmpty()) {
      tag = image.newTag();
      digest = image.digest();
    } else if (!image.newTag().isEmpty()) {
      tag = image.newTag();
      digest = "";
    } else if (!image.digest().isEmpty()) {
      tag = "";
      digest = image.digest();
    }
    if (!tag.isEmpty()) {
      name += ":" + tag;
    }
    if (!digest.isEmpty()) {
      name += "@" + digest;
    }
    return Option.of(name);
  }

  /** Name, tag and digest of an image reference, as kustomize splits it. */
  static String[] split(String image) {
    String search = image;
    int slash = image.indexOf('/');
    if (slash > 0) {
      search = image.substring(slash);
    } else {
      slash = 0;
    }
    int id = search.indexOf('@');
    int ic = search.indexOf(':');
    if (ic < 0 && id < 0) {
      return new String[] {image, "", ""};
    }
    if (id >= 0 && (id < ic || ic < 0)) {
      id += slash;
      return new String[] {image.substring(0, id), "", image.substring(id + 1)};
    }
    if (id >= 0) {
      id += slash;
      ic += slash;
      return new String[] {
        image.substring(0, ic), image.substring(ic + 1, id), image.substring(id + 1)
      };
    }
    ic += slash;
    return new String[] {image.substring(0, ic), image.substring(ic + 1), ""};
  }
}
