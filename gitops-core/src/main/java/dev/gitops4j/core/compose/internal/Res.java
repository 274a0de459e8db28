package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource while a kustomization is built: its current body, where it was declared, the ids it
 * had before (for patch targets and name references) and whether it still needs a content hash.
 */
public final class Res {
  /** A namespace and name this resource had at some step of the build. */
  public record Id(String namespace, String name) {}

  private Node.Obj body;
  private final String file;
  private final int line;
  private final String blobId;
  private final List<Id> previous = new ArrayList<>();
  private final List<Integer> scopes = new ArrayList<>();
  private boolean needsHash;
  private String behavior = "create";

  /** A resource read from {@code file} at {@code line}. */
  public Res(Node.Obj body, String file, int line, String blobId) {
    this.body = body;
    this.file = file;
    this.line = line;
    this.blobId = blobId;
  }

  /** A copy that can change independently, for a base shared by two overlays. */
  public Res copy() {
    Res r = new Res(body, file, line, blobId);
    r.previous.addAll(previous);
    r.scopes.addAll(scopes);
    r.needsHash = needsHash;
    r.behavior = behavior;
    return r;
  }

  public Node.Obj body() {
    return body;
  }

  /** Replaces the body, remembering the old id if the name or namespace changed. */
  public void body(Node.Obj next) {
    Id before = id();
    this.body = next;
    Id after = id();
    if (!before.equals(after) && !previous.contains(before)) {
      previous.add(before);
    }
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String blobId() {
    return blobId;
  }

  public String kind() {
    return Nodes.text(body, "kind").getOrElse("");
  }

  public String apiVersion() {
    return Nodes.text(body, "apiVersion").getOrElse("");
  }

  /** The API group: {@code apps} for {@code apps/v1}, empty for {@code v1}. */
  public String group() {
    String v = apiVersion();
    int slash = v.indexOf('/');
    return slash < 0 ? "" : v.substring(0, slash);
  }

  /** The API version without its group. */
  public String version() {
    String v = apiVersion();
    return v.substring(v.indexOf('/') + 1);
  }

  public String name() {
    return Nodes.text(body, "metadata", "name").getOrElse("");
  }

  public String namespace() {
    return Nodes.text(body, "metadata", "namespace").getOrElse("");
  }

  /** The current id. */
  public Id id() {
    return new Id(namespace(), name());
  }

  /** Every id this resource had, the current one first. */
  public List<Id> allIds() {
    List<Id> all = new ArrayList<>();
    all.add(id());
    for (int i = previous.size() - 1; i >= 0; i--) {
      all.add(previous.get(i));
    }
    return all;
  }

  /** The names this resource had before the current one. */
  public List<Id> previousIds() {
    return previous;
  }

  /** The key kustomize keeps resources unique by: group, version, kind, namespace, name. */
  public String key() {
    return group() + "|" + version() + "|" + kind() + "|" + normalNs(namespace()) + "|" + name();
  }

  static String normalNs(String ns) {
    return ns.isEmpty() ? "default" : ns;
  }

  /** The kustomization instances this resource came through, innermost first. */
  public List<Integer> scopes() {
    return scopes;
  }

  public boolean needsHash() {
    return needsHash;
  }

  public void needsHash(boolean value) {
    this.needsHash = value;
  }

  /** The generator behaviour ({@code create}, {@code merge}, {@code replace}). */
  public String behavior() {
    return behavior;
  }

  public void behavior(String value) {
    this.behavior = value;
  }

  @Override
  public String toString() {
    return kind() + "/" + (namespace().isEmpty() ? "" : namespace() + "/") + name();
  }
}
