package dev.gitops4j.core.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which revisions {@link GitRepository} accepts: only commits ({@link Mode#HEAD}), tags ({@link
 * Mode#TAG}) or both, signed by a trusted key. A revision that is unsigned, signed by another key,
 * or whose signature does not match is refused when it is resolved, as a problem that names the
 * commit and the reason, so nothing is loaded from it.
 *
 * <p>Trusted keys are ASCII-armored OpenPGP public keys ({@code gpg --export --armor}) checked with
 * Bouncy Castle, or an SSH {@code allowed_signers} file ({@code git config gpg.format ssh}) checked
 * with JGit's SSH signature verifier.
 *
 * <pre>{@code
 * GitRepository.local(dir).verifySignatures(
 *     SignatureVerification.trustedKeys(Mode.HEAD, Path.of("trusted.asc")));
 * }</pre>
 *
 * @param mode what must be signed
 * @param keys the trusted keys file
 * @param format whether the file holds OpenPGP keys or SSH allowed signers
 */
public record SignatureVerification(Mode mode, Path keys, Format format) {
  /** What must carry a trusted signature. */
  public enum Mode {
    /** The commit that is reconciled. */
    HEAD,
    /** The annotated tag the ref names (the ref must be a tag). */
    TAG,
    /** Both the tag and the commit it points to. */
    BOTH;

    /**
     * Parses {@code head}, {@code tag} or {@code both}.
     *
     * @param text the mode's name, in any case, with surrounding blanks ignored
     * @return the mode named
     * @throws IllegalArgumentException if {@code text} names no mode
     */
    public static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "signature mode must be head, tag or both, not '" + text + "'", e);
      }
    }
  }

  /** The kind of trusted keys file. */
  public enum Format {
    /** ASCII-armored (or binary) OpenPGP public keys. */
    OPENPGP,
    /** An OpenSSH {@code allowed_signers} file. */
    SSH
  }

  /**
   * Checks that no part is missing.
   *
   * @param mode what must be signed
   * @param keys the trusted keys file
   * @param format whether the file holds OpenPGP keys or SSH allowed signers
   */
  public SignatureVerification {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(format, "format");
  }

  /**
   * Trusts the keys in this file, telling OpenPGP key rings from an {@code allowed_signers} file by
   * their content.
   *
   * @param mode what must be signed
   * @param keys the trusted keys file, read at once to tell its format
   * @return the verification, with the format found in the file
   * @throws IllegalArgumentException if the file cannot be read
   */
  public static SignatureVerification trustedKeys(Mode mode, Path keys) {
    byte[] head;
    try {
      byte[] all = Files.readAllBytes(keys);
      head = all.length > 4096 ? java.util.Arrays.copyOf(all, 4096) : all;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read trusted keys " + keys, e);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    boolean pgp =
        text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")
            || (head.length > 0 && (head[0] & 0x80) != 0);
    return new SignatureVerification(mode, keys, pgp ? Format.OPENPGP : Format.SSH);
  }
}
