package dev.gitops4j.core.plan;

import dev.gitops4j.api.plan.ListKey;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * How {@link JsonPatch#diff(dev.gitops4j.api.model.Node, dev.gitops4j.api.model.Node, DiffOptions)}
 * matches list elements. By default a list whose elements are all objects with a distinct string
 * {@code name} (Kubernetes containers, env, volumes) is matched by that name; {@link #withListKey}
 * adds a merge key for one path; {@link #positional()} turns keyed matching off, leaving the
 * content-based longest common subsequence.
 */
public final class DiffOptions {
  private static final DiffOptions DEFAULTS = new DiffOptions(List.empty(), true);

  private final Seq<ListKey> listKeys;
  private final boolean nameKey;

  private DiffOptions(Seq<ListKey> listKeys, boolean nameKey) {
    this.listKeys = listKeys;
    this.nameKey = nameKey;
  }

  /**
   * Lists matched by {@code name} where every element has a distinct one, by content otherwise.
   *
   * @return the shared default options, with no merge key
   */
  public static DiffOptions defaults() {
    return DEFAULTS;
  }

  /**
   * No keyed matching at all: lists are compared by content only.
   *
   * @return options without name matching or merge keys; add keys with {@link #withListKey}
   */
  public static DiffOptions positional() {
    return new DiffOptions(List.empty(), false);
  }

  /**
   * The same options with these merge keys added (the first matching key wins).
   *
   * @param keys the merge keys to add, after those already set
   * @return new options; these are unchanged
   */
  public DiffOptions withListKeys(Iterable<ListKey> keys) {
    return new DiffOptions(listKeys.appendAll(keys), nameKey);
  }

  /**
   * The same options with a merge key for the lists at {@code path}.
   *
   * @param path the JSON Pointer of the lists
   * @param key the field that identifies an item
   * @return new options; these are unchanged
   */
  public DiffOptions withListKey(String path, String key) {
    return withListKeys(List.of(new ListKey(path, key)));
  }

  /**
   * The configured merge keys, in order.
   *
   * @return the keys added with {@link #withListKeys} and {@link #withListKey}; empty by default
   */
  public Seq<ListKey> listKeys() {
    return listKeys;
  }

  /**
   * Whether lists of uniquely named objects are matched by {@code name} where no key is set.
   *
   * @return true by default, false for {@link #positional()} and options built from it
   */
  public boolean nameKey() {
    return nameKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiffOptions d && d.listKeys.equals(listKeys) && d.nameKey == nameKey;
  }

  @Override
  public int hashCode() {
    return Objects.hash(listKeys, nameKey);
  }

  @Override
  public String toString() {
    return "DiffOptions[listKeys=" + listKeys + ", nameKey=" + nameKey + "]";
  }
}
