package dev.gitops4j.api.plan;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a change expected to find on the target when it was planned: nothing, or a document with
 * this fingerprint (a SHA-256 of its canonical JSON). Applying a change whose precondition no
 * longer holds fails that change: stale plans refuse to apply.
 */
public record Precondition(Option<String> fingerprint) {
  public Precondition {
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** The resource must not exist. */
  public static Precondition absent() {
    return new Precondition(Option.none());
  }

  /** The resource must exist with exactly this fingerprint. */
  public static Precondition present(String fingerprint) {
    return new Precondition(Option.of(fingerprint));
  }

  @Override
  public String toString() {
    return fingerprint.map(f -> "present:" + f).getOrElse("absent");
  }
}
