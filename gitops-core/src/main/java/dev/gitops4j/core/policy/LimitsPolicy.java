package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;

/**
 * Size limits: how many resources one namespace may hold ({@code limit-resources-per-namespace},
 * reported on each resource past the limit, in id order) and how large one document may be as
 * canonical JSON ({@code limit-document-size}; Kubernetes refuses objects past about 1 MiB).
 *
 * <pre>{@code
 * Policy p = LimitsPolicy.none().resourcesPerNamespace(500).documentBytes(512 * 1024);
 * }</pre>
 */
public final class LimitsPolicy implements Policy {
  private final int perNamespace;
  private final long documentBytes;

  private LimitsPolicy(int perNamespace, long documentBytes) {
    this.perNamespace = perNamespace;
    this.documentBytes = documentBytes;
  }

  /**
   * No limits yet.
   *
   * @return a policy that checks nothing until a limit is set
   */
  public static LimitsPolicy none() {
    return new LimitsPolicy(0, 0);
  }

  /**
   * At most this many resources in one namespace (cluster-scoped ones count as one group).
   *
   * @param max the most resources one namespace may hold, positive
   * @return a new policy with this limit and the document limit of this one
   * @throws IllegalArgumentException if not positive
   */
  public LimitsPolicy resourcesPerNamespace(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("resourcesPerNamespace must be positive: " + max);
    }
    return new LimitsPolicy(max, documentBytes);
  }

  /**
   * At most this many bytes per document.
   *
   * @param max the most bytes a document may take as UTF-8 canonical JSON, positive
   * @return a new policy with this limit and the namespace limit of this one
   * @throws IllegalArgumentException if not positive
   */
  public LimitsPolicy documentBytes(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("documentBytes must be positive: " + max);
    }
    return new LimitsPolicy(perNamespace, max);
  }

  @Override
  public Seq<Problem> check(DesiredState state) {
    List<Problem> out = List.empty();
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (Resource r : state.resources().values()) {
      String ns = r.id().namespace().getOrElse("");
      int n = counts.merge(ns, 1, Integer::sum);
      if (perNamespace > 0 && n == perNamespace + 1) {
        out =
            out.prepend(
                Problem.of(
                    r,
                    "limit-resources-per-namespace",
                    (ns.isEmpty() ? "cluster scope" : "namespace '" + ns + "'")
                        + " holds more than "
                        + perNamespace
                        + " resources"));
      }
      if (documentBytes > 0) {
        long size = Documents.toCanonicalJson(r.body()).getBytes(StandardCharsets.UTF_8).length;
        if (size > documentBytes) {
          out =
              out.prepend(
                  Problem.of(
                      r,
                      "limit-document-size",
                      "document is " + size + " bytes; the limit is " + documentBytes));
        }
      }
    }
    return out.reverse();
  }
}
