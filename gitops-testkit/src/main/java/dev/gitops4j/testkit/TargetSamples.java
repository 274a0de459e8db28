package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a target adapter accepts, for {@link TargetConformanceKit}: a namespaced and a
 * cluster-scoped sample resource of kinds the adapter handles, the odd names it claims to accept,
 * the field of the namespaced sample that may hold free-form data (for the unicode and big-number
 * round trips), and optionally a write it must refuse (to check that failures are {@code
 * TargetException}s).
 *
 * <pre>{@code
 * TargetSamples.builder()
 *     .namespaced(ResourceId.of("Queue", "billing", "invoices"), queueDoc)
 *     .clusterScoped(ResourceId.of("Exchange", "events"), exchangeDoc)
 *     .oddNames("with.dots", "UPPER_case")
 *     .freeFormField("arguments")
 *     .rejected(ResourceId.of("Queue", "billing", "bad"), docWithoutRequiredField)
 *     .build();
 * }</pre>
 */
public final class TargetSamples {
  private final ResourceId namespacedId;
  private final Node.Obj namespacedDocument;
  private final ResourceId clusterId;
  private final Node.Obj clusterDocument;
  private final Seq<String> oddNames;
  private final Option<String> freeFormField;
  private final Option<Rejected> rejected;

  /**
   * A write the adapter must refuse with a {@code TargetException}.
   *
   * @param id the resource written
   * @param document the document the adapter must refuse
   */
  public record Rejected(ResourceId id, Node.Obj document) {
    /**
     * Checks the components.
     *
     * @param id the resource written
     * @param document the document the adapter must refuse
     * @throws NullPointerException if a component is null
     */
    public Rejected {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(document, "document");
    }
  }

  private TargetSamples(Builder b) {
    this.namespacedId = Objects.requireNonNull(b.namespacedId);
    this.namespacedDocument = Objects.requireNonNull(b.namespacedDocument);
    this.clusterId = Objects.requireNonNull(b.clusterId);
    this.clusterDocument = Objects.requireNonNull(b.clusterDocument);
    this.oddNames = b.oddNames;
    this.freeFormField = b.freeFormField;
    this.rejected = b.rejected;
  }

  /**
   * Kubernetes-like samples: a ConfigMap with free-form {@code data} and a Namespace.
   *
   * @return samples with odd names and no rejected write
   */
  public static TargetSamples kubernetesLike() {
    return builder()
        .namespaced(
            ResourceId.of("ConfigMap", "team-a", "settings"),
            Node.obj(
                "apiVersion", Node.str("v1"),
                "kind", Node.str("ConfigMap"),
                "metadata",
                    Node.obj(
                        "name", Node.str("settings"),
                        "namespace", Node.str("team-a"),
                        "labels", Node.obj("app", Node.str("web"))),
                "data", Node.obj("level", Node.str("info"))))
        .clusterScoped(
            ResourceId.of("Namespace", "team-a"),
            Node.obj(
                "apiVersion", Node.str("v1"),
                "kind", Node.str("Namespace"),
                "metadata", Node.obj("name", Node.str("team-a"))))
        .oddNames(
            "with.dots",
            "dash-and_underscore",
            "UPPER",
            "ünïcødé-名前",
            "with space",
            "n".repeat(200))
        .freeFormField("data")
        .build();
  }

  /**
   * A new builder; the namespaced and the cluster-scoped samples are required.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The namespaced sample's id.
   *
   * @return an id with a namespace
   */
  public ResourceId namespacedId() {
    return namespacedId;
  }

  /**
   * The namespaced sample's document.
   *
   * @return the document the adapter accepts under {@link #namespacedId()}
   */
  public Node.Obj namespacedDocument() {
    return namespacedDocument;
  }

  /**
   * The cluster-scoped sample's id.
   *
   * @return an id without a namespace
   */
  public ResourceId clusterId() {
    return clusterId;
  }

  /**
   * The cluster-scoped sample's document.
   *
   * @return the document the adapter accepts under {@link #clusterId()}
   */
  public Node.Obj clusterDocument() {
    return clusterDocument;
  }

  /**
   * Names the adapter claims to accept besides the samples' own.
   *
   * @return the names; empty when none were given
   */
  public Seq<String> oddNames() {
    return oddNames;
  }

  /**
   * The top-level field of the namespaced sample that may hold any data.
   *
   * @return the field's name; empty skips the unicode and big-number round trips
   */
  public Option<String> freeFormField() {
    return freeFormField;
  }

  /**
   * A write the adapter must refuse, if the author gave one.
   *
   * @return the write; empty skips the failure check
   */
  public Option<Rejected> rejected() {
    return rejected;
  }

  /**
   * The namespaced sample renamed, with {@code metadata.name} following when present.
   *
   * @param name the new name
   * @return the namespaced sample's id with {@code name}, same kind and namespace
   */
  public ResourceId namespacedNamed(String name) {
    return new ResourceId(namespacedId.kind(), namespacedId.namespace(), name);
  }

  /**
   * The namespaced document for another name.
   *
   * @param name the new name
   * @return the document with {@code metadata.name} set to {@code name} when it has one, otherwise
   *     unchanged
   */
  public Node.Obj namespacedDocumentNamed(String name) {
    return renamed(namespacedDocument, name);
  }

  /**
   * The namespaced document with its free-form field set to {@code data}.
   *
   * @param data the value of the free-form field
   * @return the changed document; the namespaced document unchanged when there is no free-form
   *     field
   */
  public Node.Obj namespacedWith(Node data) {
    return freeFormField.map(f -> namespacedDocument.with(f, data)).getOrElse(namespacedDocument);
  }

  static Node.Obj renamed(Node.Obj doc, String name) {
    Option<Node> meta = doc.get("metadata");
    if (meta.isDefined() && meta.get() instanceof Node.Obj m && m.get("name").isDefined()) {
      return doc.with("metadata", m.with("name", Node.str(name)));
    }
    return doc;
  }

  /** Configures {@link TargetSamples}; {@link #build()} checks that both samples are set. */
  public static final class Builder {
    private @Nullable ResourceId namespacedId;
    private Node.@Nullable Obj namespacedDocument;
    private @Nullable ResourceId clusterId;
    private Node.@Nullable Obj clusterDocument;
    private Seq<String> oddNames = List.empty();
    private Option<String> freeFormField = Option.none();
    private Option<Rejected> rejected = Option.none();

    private Builder() {}

    /**
     * A namespaced resource the adapter accepts.
     *
     * @param id its id, which must have a namespace
     * @param document its document
     * @return this builder
     * @throws IllegalArgumentException if {@code id} has no namespace
     */
    public Builder namespaced(ResourceId id, Node.Obj document) {
      if (id.namespace().isEmpty()) {
        throw new IllegalArgumentException("namespaced sample " + id + " has no namespace");
      }
      this.namespacedId = id;
      this.namespacedDocument = Objects.requireNonNull(document, "document");
      return this;
    }

    /**
     * A cluster-scoped resource the adapter accepts.
     *
     * @param id its id, which must have no namespace
     * @param document its document
     * @return this builder
     * @throws IllegalArgumentException if {@code id} has a namespace
     */
    public Builder clusterScoped(ResourceId id, Node.Obj document) {
      if (id.namespace().isDefined()) {
        throw new IllegalArgumentException("cluster-scoped sample " + id + " has a namespace");
      }
      this.clusterId = id;
      this.clusterDocument = Objects.requireNonNull(document, "document");
      return this;
    }

    /**
     * Names the adapter claims to accept (used with the namespaced sample's kind).
     *
     * @param names the names; replace any given before
     * @return this builder
     */
    public Builder oddNames(String... names) {
      this.oddNames = List.of(names);
      return this;
    }

    /**
     * The top-level field of the namespaced sample that may hold any data.
     *
     * @param field the field's name
     * @return this builder
     */
    public Builder freeFormField(String field) {
      this.freeFormField = Option.of(Objects.requireNonNull(field, "field"));
      return this;
    }

    /**
     * A write the adapter must refuse with a {@code TargetException}.
     *
     * @param id the resource written
     * @param document the document the adapter must refuse
     * @return this builder
     */
    public Builder rejected(ResourceId id, Node.Obj document) {
      this.rejected = Option.of(new Rejected(id, document));
      return this;
    }

    /**
     * The samples.
     *
     * @return the samples; later changes to this builder do not affect them
     * @throws IllegalStateException if a sample is missing
     */
    public TargetSamples build() {
      if (namespacedId == null || clusterId == null) {
        throw new IllegalStateException(
            "TargetSamples needs a namespaced(...) and a clusterScoped(...) sample");
      }
      return new TargetSamples(this);
    }
  }
}
