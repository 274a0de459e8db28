package dev.gitops4j.testkit;

import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.reconcile.ReconcileResult;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link ReconcileResult}. */
public final class ReconcileResultAssert
    extends AbstractAssert<ReconcileResultAssert, ReconcileResult> {
  ReconcileResultAssert(ReconcileResult result) {
    super(result, ReconcileResultAssert.class);
  }

  /**
   * Nothing failed (changes were applied, or there was nothing to do).
   *
   * @return this assertion
   */
  public ReconcileResultAssert succeeded() {
    isNotNull();
    if (!actual.succeeded()) {
      failWithMessage("Expected the reconcile to succeed, but %s", failure());
    }
    return this;
  }

  /**
   * Some change failed.
   *
   * @return this assertion
   */
  public ReconcileResultAssert failed() {
    isNotNull();
    if (actual.succeeded()) {
      failWithMessage("Expected the reconcile to fail, but it ended %s", actual.status());
    }
    return this;
  }

  /**
   * The change of {@code id} is the one that failed.
   *
   * @param id a resource id as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public ReconcileResultAssert failedOn(String id) {
    failed();
    ResourceId rid = Ids.parse(id);
    if (!actual.failure().exists(f -> f.id().contains(rid))) {
      failWithMessage("Expected the reconcile to fail on %s, but %s", id, failure());
    }
    return this;
  }

  /**
   * The target already matched: nothing was written.
   *
   * @return this assertion
   */
  public ReconcileResultAssert isInSync() {
    return hasStatus(ReconcileResult.Status.IN_SYNC);
  }

  /**
   * The reconcile ended with {@code status}.
   *
   * @param status the expected status
   * @return this assertion
   */
  public ReconcileResultAssert hasStatus(ReconcileResult.Status status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage(
          "Expected status %s, but it was %s (applied: %s)%s",
          status,
          actual.status(),
          applied(),
          actual.failure().map(f -> "; " + failure()).getOrElse(""));
    }
    return this;
  }

  /**
   * Each of these resources was written or deleted.
   *
   * @param ids resource ids as {@code Kind/name} or {@code Kind/namespace/name}
   * @return this assertion
   */
  public ReconcileResultAssert applied(String... ids) {
    isNotNull();
    for (String id : ids) {
      ResourceId rid = Ids.parse(id);
      if (!actual.applied().exists(a -> a.id().equals(rid))) {
        failWithMessage("Expected %s to be applied, but the applied changes are %s", id, applied());
      }
    }
    return this;
  }

  /**
   * Nothing was written or deleted.
   *
   * @return this assertion
   */
  public ReconcileResultAssert appliedNothing() {
    isNotNull();
    if (!actual.applied().isEmpty()) {
      failWithMessage("Expected nothing applied, but applied %s", applied());
    }
    return this;
  }

  private String applied() {
    return actual.applied().isEmpty()
        ? "(none)"
        : actual.applied().map(a -> a.action().jsonName() + " " + a.id()).mkString(", ");
  }

  private String failure() {
    return actual
        .failure()
        .map(f -> "it failed: " + f.describe())
        .getOrElse("it ended " + actual.status());
  }
}
