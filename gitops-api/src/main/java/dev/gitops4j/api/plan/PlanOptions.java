package dev.gitops4j.api.plan;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * How to plan.
 *
 * <ul>
 *   <li>{@code prune}: delete owned resources that Git no longer declares (default on);
 *   <li>{@code includeNoOps}: list unchanged resources in the plan too (default off);
 *   <li>{@code listKeys}: merge keys for lists of objects (lists of uniquely named objects are
 *       matched by {@code name} without one);
 *   <li>{@code ignores}: fields left as the target holds them;
 *   <li>{@code normalizers}: applied in order to declared documents before comparing;
 *   <li>{@code immutableFields}: per kind, JSON Pointers whose change needs a replace (besides
 *       {@code /apiVersion}).
 * </ul>
 *
 * @param prune whether to delete owned resources that Git no longer declares
 * @param includeNoOps whether to list unchanged resources in the plan
 * @param listKeys merge keys for lists of objects
 * @param ignores fields left as the target holds them
 * @param normalizers applied in order to declared documents before comparing
 * @param immutableFields per kind, JSON Pointers whose change needs a replace
 */
public record PlanOptions(
    boolean prune,
    boolean includeNoOps,
    Seq<ListKey> listKeys,
    Seq<IgnoreRule> ignores,
    Seq<Normalizer> normalizers,
    Map<String, Seq<String>> immutableFields) {

  /** Prune on, no-ops left out, nothing ignored. */
  public static final PlanOptions DEFAULTS = new PlanOptions(true, false);

  /**
   * Checks that no component is null.
   *
   * @param prune whether to delete owned resources that Git no longer declares
   * @param includeNoOps whether to list unchanged resources in the plan
   * @param listKeys merge keys for lists of objects
   * @param ignores fields left as the target holds them
   * @param normalizers applied in order to declared documents before comparing
   * @param immutableFields per kind, JSON Pointers whose change needs a replace
   */
  public PlanOptions {
    Objects.requireNonNull(listKeys, "listKeys");
    Objects.requireNonNull(ignores, "ignores");
    Objects.requireNonNull(normalizers, "normalizers");
    Objects.requireNonNull(immutableFields, "immutableFields");
  }

  /**
   * Options with only {@code prune} and {@code includeNoOps} set.
   *
   * @param prune whether to delete owned resources that Git no longer declares
   * @param includeNoOps whether to list unchanged resources in the plan
   */
  public PlanOptions(boolean prune, boolean includeNoOps) {
    this(prune, includeNoOps, List.empty(), List.empty(), List.empty(), HashMap.empty());
  }

  /**
   * The same options with pruning on or off.
   *
   * @param value true to delete owned resources that Git no longer declares
   * @return a copy with {@code prune} set
   */
  public PlanOptions withPrune(boolean value) {
    return new PlanOptions(value, includeNoOps, listKeys, ignores, normalizers, immutableFields);
  }

  /**
   * The same options with no-ops listed or not.
   *
   * @param value true to list unchanged resources in the plan
   * @return a copy with {@code includeNoOps} set
   */
  public PlanOptions withNoOps(boolean value) {
    return new PlanOptions(prune, value, listKeys, ignores, normalizers, immutableFields);
  }

  /**
   * The same options with more merge keys for lists.
   *
   * @param keys keys added after those already set
   * @return a copy with the keys added
   */
  public PlanOptions withListKeys(Iterable<ListKey> keys) {
    return new PlanOptions(
        prune, includeNoOps, listKeys.appendAll(keys), ignores, normalizers, immutableFields);
  }

  /**
   * The same options with more ignore rules.
   *
   * @param rules rules added after those already set
   * @return a copy with the rules added
   */
  public PlanOptions withIgnores(Iterable<IgnoreRule> rules) {
    return new PlanOptions(
        prune, includeNoOps, listKeys, ignores.appendAll(rules), normalizers, immutableFields);
  }

  /**
   * The same options with one more normalizer, applied after the others.
   *
   * @param normalizer the normalizer to add
   * @return a copy with the normalizer appended
   */
  public PlanOptions withNormalizer(Normalizer normalizer) {
    return new PlanOptions(
        prune,
        includeNoOps,
        listKeys,
        ignores,
        normalizers.append(Objects.requireNonNull(normalizer, "normalizer")),
        immutableFields);
  }

  /**
   * The same options with immutable fields declared for {@code kind} (added to any before).
   *
   * @param kind the resource kind
   * @param pointers JSON Pointers of the fields; duplicates are dropped
   * @return a copy with the fields added
   */
  public PlanOptions withImmutableFields(String kind, Iterable<String> pointers) {
    Seq<String> before = immutableFields.get(kind).getOrElse(List.empty());
    return new PlanOptions(
        prune,
        includeNoOps,
        listKeys,
        ignores,
        normalizers,
        immutableFields.put(kind, before.appendAll(pointers).distinct()));
  }
}
