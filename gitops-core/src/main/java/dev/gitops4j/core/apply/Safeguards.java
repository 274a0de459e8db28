package dev.gitops4j.core.apply;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.history.FailedRevision;
import dev.gitops4j.api.history.HistoryRecord;
import dev.gitops4j.api.history.HistoryStore;
import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.api.rollout.Rollback;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What wraps a reconcile so that it is safe to automate: suspension, the failed marks that keep a
 * bad revision from being applied again, the rollback to the last known good revision, and the
 * history record of every reconcile. {@link DefaultReconciler} calls it around its apply.
 */
final class Safeguards {
  private static final Logger LOG = LoggerFactory.getLogger(Safeguards.class);

  /** One run of the apply: its result and what happened to each change. */
  record Run(
      ReconcileResult result,
      Seq<HistoryRecord.ChangeResult> changes,
      Seq<HistoryRecord.ChangeResult> rollbackChanges) {
    Run(ReconcileResult result, Seq<HistoryRecord.ChangeResult> changes) {
      this(result, changes, List.empty());
    }
  }

  private final HistoryStore history;
  private final Rollback rollback;
  private final Function<Revision, Option<DesiredState>> revisions;
  private final Consumer<GitOpsEvent> emit;
  private final Clock clock;
  private volatile Option<Revision> latest = Option.none();
  private volatile Option<DesiredState> lastGood = Option.none();

  Safeguards(
      HistoryStore history,
      Rollback rollback,
      Function<Revision, Option<DesiredState>> revisions,
      Consumer<GitOpsEvent> emit,
      Clock clock) {
    this.history = history;
    this.rollback = rollback;
    this.revisions = revisions;
    this.emit = emit;
    this.clock = clock;
  }

  HistoryStore history() {
    return history;
  }

  /** A reconcile of {@code revision} was asked for: a pending health wait of another one stops. */
  void requested(Revision revision) {
    latest = Option.of(revision);
  }

  /** True once a reconcile of another revision was asked for after {@code revision}. */
  boolean superseded(Revision revision) {
    return latest.exists(r -> !r.commit().equals(revision.commit()));
  }

  /** The result of a reconcile that must not run (suspended, revision marked failed), if so. */
  Option<ReconcileResult> refuse(Revision revision, Instant started) {
    Option<String> suspended = history.suspended();
    if (suspended.isDefined()) {
      return Option.of(
          skipped(
              revision,
              started,
              ReconcileResult.Status.SUSPENDED,
              "suspended: " + suspended.get()));
    }
    Option<FailedRevision> failed = history.failed(revision.commit());
    if (failed.isDefined()) {
      return Option.of(
          skipped(revision, started, ReconcileResult.Status.PINNED, failed.get().describe()));
    }
    return Option.none();
  }

  private ReconcileResult skipped(
      Revision revision, Instant started, ReconcileResult.Status status, String note) {
    LOG.info("not reconciling {}: {}", revision, note);
    emit.accept(new GitOpsEvent.ReconcileSkipped(clock.instant(), revision, note));
    return new ReconcileResult(
        revision,
        status,
        new Plan(revision, List.empty()),
        List.empty(),
        Option.none(),
        started,
        Duration.between(started, clock.instant()),
        Option.none(),
        Option.of(note));
  }

  /**
   * Checks that {@code to} was applied to the target before, for a manual rollback.
   *
   * @throws IllegalArgumentException if it never was
   */
  void checkApplied(Revision to, String target) {
    if (!history
        .records()
        .exists(r -> r.outcome().isGood() && r.revision().commit().equals(to.commit()))) {
      throw new IllegalArgumentException(
          "cannot roll back to " + to + ": it was never applied to " + target);
    }
  }

  /** The revision a manual rollback to {@code to} leaves, if another. */
  Option<Revision> leaving(Revision to) {
    return history
        .lastKnownGood()
        .map(HistoryRecord::revision)
        .filter(r -> !r.commit().equals(to.commit()));
  }

  /**
   * After a manual rollback to {@code to}: the revision it left is marked, so the rollback sticks.
   */
  void pinAfterManualRollback(Option<Revision> leaving, Revision to) {
    for (Revision r : leaving) {
      history.markFailed(
          new FailedRevision(
              r.commit(), clock.instant(), "rolled back by hand to " + to.shortId(), to.commit()));
    }
  }

  /** The result of a reconcile that found drift and, without self-heal, wrote nothing. */
  ReconcileResult drifted(Plan plan, int resources, Instant started) {
    String note = resources + " resources drifted from " + plan.revision() + "; self-heal is off";
    return new ReconcileResult(
        plan.revision(),
        ReconcileResult.Status.DRIFTED,
        plan,
        List.empty(),
        Option.none(),
        started,
        Duration.between(started, clock.instant()),
        Option.none(),
        Option.of(note));
  }

  /** True when the target is known to be at {@code revision}: a difference now is drift. */
  boolean isAt(Revision revision) {
    return history.lastKnownGood().exists(r -> r.revision().commit().equals(revision.commit()));
  }

  /**
   * After a failed run of {@code desired}: with rollback on, marks the revision failed and applies
   * the last known good one through {@code applyLocked}; returns the final result.
   */
  Run afterFailure(Run run, Function<DesiredState, Run> applyLocked) {
    ReconcileResult failed = run.result();
    if (failed.status() != ReconcileResult.Status.FAILED
        || !rollback.enabled()
        || failed.failure().exists(f -> f.id().isEmpty())) {
      return run;
    }
    Revision bad = failed.revision();
    String reason = failed.failure().map(ReconcileResult.Failure::message).getOrElse("failed");
    Option<Revision> good =
        history
            .lastKnownGood()
            .map(HistoryRecord::revision)
            .filter(r -> !r.commit().equals(bad.commit()));
    history.markFailed(
        new FailedRevision(
            bad.commit(), clock.instant(), reason, good.map(Revision::commit).getOrElse("")));
    if (good.isEmpty()) {
      LOG.warn("{} failed and there is no earlier good revision to roll back to", bad);
      return new Run(
          with(failed, failed.status(), Option.none(), "no earlier good revision to roll back to"),
          run.changes());
    }
    Option<DesiredState> desired = revisions.apply(good.get()).orElse(memo(good.get()));
    emit.accept(new GitOpsEvent.RollbackStarted(clock.instant(), bad, good.get(), reason));
    if (desired.isEmpty()) {
      emit.accept(new GitOpsEvent.RollbackFinished(clock.instant(), bad, good.get(), false, 0));
      return new Run(
          with(
              failed,
              ReconcileResult.Status.FAILED,
              Option.none(),
              "cannot roll back: the desired state of " + good.get() + " is not available"),
          run.changes());
    }
    LOG.warn("{} failed ({}); rolling back to {}", bad, reason, good.get());
    Run back = applyLocked.apply(desired.get());
    boolean ok = back.result().succeeded();
    emit.accept(
        new GitOpsEvent.RollbackFinished(
            clock.instant(), bad, good.get(), ok, back.result().applied().size()));
    ReconcileResult.RolledBack rolled =
        new ReconcileResult.RolledBack(good.get(), ok, back.result().applied());
    String note =
        ok
            ? "rolled back to " + good.get() + "; " + bad.shortId() + " is marked failed"
            : "rollback to "
                + good.get()
                + " failed: "
                + back.result().failure().map(ReconcileResult.Failure::message).getOrElse("?");
    ReconcileResult result =
        with(
            failed,
            ok ? ReconcileResult.Status.ROLLED_BACK : ReconcileResult.Status.FAILED,
            Option.of(rolled),
            note);
    return new Run(result, run.changes(), back.changes());
  }

  private ReconcileResult with(
      ReconcileResult r,
      ReconcileResult.Status status,
      Option<ReconcileResult.RolledBack> rolled,
      String note) {
    return new ReconcileResult(
        r.revision(),
        status,
        r.plan(),
        r.applied(),
        r.failure(),
        r.startedAt(),
        Duration.between(r.startedAt(), clock.instant()),
        rolled,
        Option.of(note));
  }

  private Option<DesiredState> memo(Revision revision) {
    return lastGood.filter(d -> d.revision().commit().equals(revision.commit()));
  }

  /** Records a reconcile in the history; remembers a good desired state for a later rollback. */
  void record(Run run, Option<DesiredState> desired) {
    ReconcileResult r = run.result();
    HistoryRecord.Outcome outcome =
        switch (r.status()) {
          case SUCCEEDED -> HistoryRecord.Outcome.SUCCEEDED;
          case IN_SYNC, DRIFTED -> HistoryRecord.Outcome.IN_SYNC;
          case FAILED -> HistoryRecord.Outcome.FAILED;
          case ROLLED_BACK -> HistoryRecord.Outcome.ROLLED_BACK;
          case PINNED, SUSPENDED -> HistoryRecord.Outcome.SKIPPED;
          case CANCELLED -> HistoryRecord.Outcome.CANCELLED;
          case DRY_RUN -> HistoryRecord.Outcome.DRY_RUN;
        };
    if (outcome == HistoryRecord.Outcome.SKIPPED && repeatsLastSkip(r)) {
      return;
    }
    history.record(
        new HistoryRecord(
            r.revision(),
            digest(r.plan()),
            outcome,
            r.startedAt(),
            r.duration(),
            run.changes(),
            r.rollback()
                .map(
                    b ->
                        new HistoryRecord.Rollback(
                            b.to().commit(), b.succeeded(), run.rollbackChanges())),
            r.note().orElse(r.failure().map(ReconcileResult.Failure::message))));
    if (outcome.isGood()) {
      desired
          .filter(d -> d.revision().commit().equals(r.revision().commit()))
          .forEach(d -> lastGood = Option.of(d));
    }
  }

  /** A pinned revision polled every minute must not push the last good one out of the history. */
  private boolean repeatsLastSkip(ReconcileResult r) {
    return history
        .records()
        .lastOption()
        .exists(
            h ->
                h.outcome() == HistoryRecord.Outcome.SKIPPED
                    && h.revision().commit().equals(r.revision().commit())
                    && h.message().equals(r.note()));
  }

  /** {@code sha256:} over the revision and each effective change's id, action and precondition. */
  static String digest(Plan plan) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(plan.revision().commit().getBytes(StandardCharsets.UTF_8));
      for (Change c : plan.effectiveChanges()) {
        sha.update(
            ("\n" + c.action().jsonName() + " " + c.id() + " " + c.expected())
                .getBytes(StandardCharsets.UTF_8));
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
