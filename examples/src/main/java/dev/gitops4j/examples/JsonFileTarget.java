package dev.gitops4j.examples;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.TreeMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An example custom {@link Target}: every resource in one JSON file, keyed by id. It shows the
 * whole contract an adapter implements: observe, put, delete, describe. A real adapter would call
 * an HTTP API or a database in the same places. Calls may come from several threads, so each
 * read-modify-write of the file holds the lock (the conformance kit checks it).
 */
public final class JsonFileTarget implements Target {
  private final Path file;

  public JsonFileTarget(Path file) {
    this.file = file;
  }

  @Override
  public synchronized ActualState observe() {
    TreeMap<ResourceId, Node.Obj> out = TreeMap.empty();
    for (var e : load().fields()) {
      out = out.put(ResourceId.parse(e._1).get(), (Node.Obj) e._2);
    }
    return new ActualState(out);
  }

  @Override
  public synchronized void put(ResourceId id, Node.Obj document) {
    save(load().with(id.toString(), document));
  }

  @Override
  public synchronized void delete(ResourceId id) {
    save(load().without(id.toString()));
  }

  @Override
  public String describe() {
    return "json:" + file;
  }

  private Node.Obj load() {
    try {
      if (!Files.exists(file)) {
        return Node.Obj.EMPTY;
      }
      var parsed = Documents.parse(file.toString(), Files.readString(file));
      if (parsed.isLeft()) {
        throw new TargetException("cannot read " + file + ": " + parsed.getLeft().head());
      }
      return (Node.Obj) parsed.get().head();
    } catch (IOException e) {
      throw new TargetException("cannot read " + file, e);
    }
  }

  private void save(Node.Obj all) {
    try {
      Files.writeString(file, Documents.toJson(all));
    } catch (IOException e) {
      throw new TargetException("cannot write " + file, e);
    }
  }
}
