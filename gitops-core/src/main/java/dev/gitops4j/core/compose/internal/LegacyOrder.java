package dev.gitops4j.core.compose.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's default ("legacy") output order: a fixed rank of kinds, then group/version/kind, then
 * namespace and name.
 */
public final class LegacyOrder {
  private static final List<String> FIRST =
      List.of(
          "Namespace",
          "ResourceQuota",
          "StorageClass",
          "CustomResourceDefinition",
          "ServiceAccount",
          "PodSecurityPolicy",
          "Role",
          "ClusterRole",
          "RoleBinding",
          "ClusterRoleBinding",
          "ConfigMap",
          "Secret",
          "Endpoints",
          "Service",
          "LimitRange",
          "PriorityClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "Deployment",
          "StatefulSet",
          "CronJob",
          "PodDisruptionBudget");
  private static final List<String> LAST =
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
  private static final Map<String, Integer> RANK = new HashMap<>();

  static {
    for (int i = 0; i < FIRST.size(); i++) {
      RANK.put(FIRST.get(i), -FIRST.size() + i);
    }
    for (int i = 0; i < LAST.size(); i++) {
      RANK.put(LAST.get(i), 1 + i);
    }
  }

  /** The comparator. */
  public static final Comparator<Res> ORDER = LegacyOrder::compare;

  private LegacyOrder() {}

  private static int compare(Res a, Res b) {
    boolean sameGvk =
        a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind());
    if (!sameGvk) {
      int ra = RANK.getOrDefault(a.kind(), 0);
      int rb = RANK.getOrDefault(b.kind(), 0);
      if (ra != rb) {
        return Integer.compare(ra, rb);
      }
      if (a.kind().equals("Namespace")
          && b.kind().equals("Namespace")
          && (a.group().isEmpty() || b.group().isEmpty())) {
        return gvk(b).compareTo(gvk(a));
      }
      return gvk(a).compareTo(gvk(b));
    }
    return id(a).compareTo(id(b));
  }

  private static String or(String s, String none) {
    return s.isEmpty() ? none : s;
  }

  private static String gvk(Res r) {
    return or(r.group(), "~G") + "_" + or(r.version(), "~V") + "_" + or(r.kind(), "~K");
  }

  private static String id(Res r) {
    return or(r.kind(), "~K")
        + "_"
        + or(r.version(), "~V")
        + "_"
        + or(r.group(), "~G")
        + "|"
        + or(r.namespace(), "~X")
        + "|"
        + or(r.name(), "~N");
  }
}
