package dev.gitops4j.core.apply;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.ActualState;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** A target over a map, with per-id write hooks that may throw: for reconciler tests in core. */
class MapTarget implements Target {
  TreeMap<ResourceId, Node.Obj> docs = TreeMap.empty();
  final Map<ResourceId, BiFunction<ResourceId, Node.Obj, @Nullable RuntimeException>> failPut =
      new HashMap<>();
  @Nullable RuntimeException failObserve;
  int writes;

  @Override
  public synchronized ActualState observe() {
    RuntimeException fail = failObserve;
    if (fail != null) {
      throw fail;
    }
    return new ActualState(docs);
  }

  @Override
  public synchronized Option<Node.Obj> get(ResourceId id) {
    return docs.get(id);
  }

  @Override
  public synchronized void put(ResourceId id, Node.Obj document) {
    var hook = failPut.get(id);
    RuntimeException failure = hook == null ? null : hook.apply(id, document);
    if (failure != null) {
      throw failure;
    }
    writes++;
    docs = docs.put(id, document);
  }

  @Override
  public synchronized void delete(ResourceId id) {
    if (failPut.containsKey(id) && docs.get(id).isEmpty()) {
      throw new TargetException(id + ": cannot delete");
    }
    writes++;
    docs = docs.remove(id);
  }

  /** Someone else creates or edits a resource. */
  synchronized void byHand(ResourceId id, Node.Obj document) {
    docs = docs.put(id, document);
  }

  @Override
  public String describe() {
    return "map:test";
  }
}
