package dev.gitops4j.api.plan;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a change expected to find on the target when it was planned: nothing, or a document with
 * this fingerprint (a SHA-256 of its canonical JSON). Applying a change whose precondition no
 * longer holds fails that change: stale plans refuse to apply.
 *
 * @param fingerprint the fingerprint of the expected document, or none when it must be absent
 */
public record Precondition(Option<String> fingerprint) {
  /**
   * Checks that no component is null.
   *
   * @param fingerprint the expected fingerprint; none when the resource must be absent
   */
  public Precondition {
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /**
   * The resource must not exist.
   *
   * @return a precondition that the resource does not exist
   */
  public static Precondition absent() {
    return new Precondition(Option.none());
  }

  /**
   * The resource must exist with exactly this fingerprint.
   *
   * @param fingerprint the SHA-256 of the observed document's canonical JSON
   * @return a precondition that the resource exists with exactly this fingerprint
   */
  public static Precondition present(String fingerprint) {
    return new Precondition(Option.of(fingerprint));
  }

  @Override
  public String toString() {
    return fingerprint.map(f -> "present:" + f).getOrElse("absent");
  }
}
