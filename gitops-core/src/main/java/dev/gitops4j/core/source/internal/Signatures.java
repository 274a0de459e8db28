package dev.gitops4j.core.source.internal;

import dev.gitops4j.core.source.SignatureVerification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.signing.ssh.SshSignatureVerifierFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks the signature of a commit or an annotated tag against trusted keys: OpenPGP with Bouncy
 * Castle against the given public keys (JGit's Bouncy Castle verifier only looks keys up in the
 * user's GnuPG home), SSH with JGit's verifier against an {@code allowed_signers} file.
 */
public final class Signatures {
  private static final String PGP_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

  private final SignatureVerification config;
  private @Nullable PGPPublicKeyRingCollection pgpKeys;

  public Signatures(SignatureVerification config) {
    this.config = config;
  }

  /** Null when the object carries a good signature by a trusted key, else the reason. */
  public synchronized @Nullable String refusal(Repository git, RevObject object)
      throws IOException {
    byte[] raw;
    byte[] signature;
    byte[] data;
    if (object instanceof RevCommit commit) {
      raw = commit.getRawBuffer();
      signature = commit.getRawGpgSignature();
      data = signature == null ? raw : withoutSignatureHeader(raw);
    } else if (object instanceof RevTag tag) {
      raw = tag.getRawBuffer();
      signature = tag.getRawGpgSignature();
      data = signature == null ? raw : Arrays.copyOf(raw, raw.length - signature.length);
    } else {
      return "not a commit or an annotated tag";
    }
    if (signature == null) {
      return "not signed";
    }
    String text = new String(signature, StandardCharsets.US_ASCII);
    if (text.startsWith("-----BEGIN SSH SIGNATURE-----")) {
      return config.format() == SignatureVerification.Format.SSH
          ? ssh(git, data, signature)
          : "signed with an SSH key, but the trusted keys are OpenPGP keys";
    }
    if (!text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
      return "signed in a format that cannot be verified (only OpenPGP and SSH signatures are)";
    }
    if (config.format() != SignatureVerification.Format.OPENPGP) {
      return "signed with an OpenPGP key, but the trusted keys are SSH allowed signers";
    }
    return openPgp(data, signature);
  }

  private @Nullable String openPgp(byte[] data, byte[] signature) throws IOException {
    PGPSignature sig;
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
      Object o = new BcPGPObjectFactory(in).nextObject();
      if (o instanceof PGPCompressedData c) {
        o = new BcPGPObjectFactory(c.getDataStream()).nextObject();
      }
      if (!(o instanceof PGPSignatureList list) || list.isEmpty()) {
        return "the signature cannot be read";
      }
      sig = list.get(0);
    } catch (PGPException | RuntimeException e) {
      return "the signature cannot be read";
    }
    List<KeyIdentifier> issuers = sig.getKeyIdentifiers();
    PGPPublicKey key = null;
    for (KeyIdentifier id : issuers) {
      key = findKey(id);
      if (key != null) {
        break;
      }
    }
    if (key == null) {
      return "signed by key "
          + (issuers.isEmpty() ? "(no issuer)" : describe(issuers.get(0)))
          + ", which is not among the trusted keys";
    }
    String fingerprint = HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(data);
      if (!sig.verify()) {
        return "the signature by key " + fingerprint + " does not match the content";
      }
    } catch (PGPException e) {
      return "the signature by key " + fingerprint + " cannot be verified: " + e.getMessage();
    }
    if (key.hasRevocation()) {
      return "signed by key " + fingerprint + ", which is revoked";
    }
    long valid = key.getValidSeconds();
    if (valid > 0
        && sig.getCreationTime()
            .toInstant()
            .isAfter(key.getCreationTime().toInstant().plusSeconds(valid))) {
      return "signed by key " + fingerprint + " after it expired";
    }
    return null;
  }

  private @Nullable PGPPublicKey findKey(KeyIdentifier id) throws IOException {
    for (PGPPublicKeyRing ring : pgpKeys()) {
      for (PGPPublicKey key : ring) {
        if (id.matches(key.getKeyIdentifier())) {
          return key;
        }
      }
    }
    return null;
  }

  private static String describe(KeyIdentifier id) {
    return id.getFingerprint() != null
        ? HexFormat.of().formatHex(id.getFingerprint()).toUpperCase(Locale.ROOT)
        : String.format(Locale.ROOT, "%016X", id.getKeyId());
  }

  private PGPPublicKeyRingCollection pgpKeys() throws IOException {
    if (pgpKeys == null) {
      byte[] bytes = Files.readAllBytes(config.keys());
      String text = new String(bytes, StandardCharsets.US_ASCII);
      List<PGPPublicKeyRing> rings = new ArrayList<>();
      try {
        if (text.contains(PGP_BEGIN)) {
          for (int at = text.indexOf(PGP_BEGIN); at >= 0; at = text.indexOf(PGP_BEGIN, at + 1)) {
            rings.addAll(read(text.substring(at).getBytes(StandardCharsets.US_ASCII)));
          }
        } else {
          rings.addAll(read(bytes));
        }
        pgpKeys = new PGPPublicKeyRingCollection(rings);
      } catch (PGPException | RuntimeException e) {
        throw new IOException("cannot read OpenPGP public keys from " + config.keys(), e);
      }
    }
    return pgpKeys;
  }

  private static List<PGPPublicKeyRing> read(byte[] bytes) throws IOException, PGPException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      List<PGPPublicKeyRing> out = new ArrayList<>();
      new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator())
          .getKeyRings()
          .forEachRemaining(out::add);
      return out;
    }
  }

  private @Nullable String ssh(Repository git, byte[] data, byte[] signature) throws IOException {
    Config c = new Config();
    c.setString("gpg", null, "format", "ssh");
    c.setString("gpg", "ssh", "allowedSignersFile", config.keys().toString());
    SignatureVerifier verifier = new SshSignatureVerifierFactory().create();
    try {
      SignatureVerifier.SignatureVerification v =
          verifier.verify(git, new GpgConfig(c), data, signature);
      if (v == null) {
        return "the SSH signature cannot be read";
      }
      if (!v.verified()) {
        String why = v.message();
        return "the SSH signature is not by an allowed signer"
            + (why == null || why.isBlank() ? "" : ": " + why);
      }
      if (v.expired()) {
        return "signed by an SSH key that is no longer valid";
      }
      return null;
    } finally {
      verifier.clear();
    }
  }

  /** The commit's bytes without the {@code gpgsig} header: what was signed. */
  static byte[] withoutSignatureHeader(byte[] raw) {
    int end = headerEnd(raw);
    int pos = 0;
    while (pos < end) {
      int lineEnd = indexOf(raw, (byte) '\n', pos, raw.length);
      int next = lineEnd < 0 ? raw.length : lineEnd + 1;
      if (startsWith(raw, pos, "gpgsig ") || startsWith(raw, pos, "gpgsig-sha256 ")) {
        int stop = next;
        while (stop < end && raw[stop] == ' ') {
          int e = indexOf(raw, (byte) '\n', stop, raw.length);
          stop = e < 0 ? raw.length : e + 1;
        }
        byte[] out = new byte[raw.length - (stop - pos)];
        System.arraycopy(raw, 0, out, 0, pos);
        System.arraycopy(raw, stop, out, pos, raw.length - stop);
        return out;
      }
      pos = next;
    }
    return raw;
  }

  private static int headerEnd(byte[] raw) {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n' && raw[i + 1] == '\n') {
        return i + 1;
      }
    }
    return raw.length;
  }

  private static boolean startsWith(byte[] raw, int pos, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    return pos + p.length <= raw.length && Arrays.equals(raw, pos, pos + p.length, p, 0, p.length);
  }

  private static int indexOf(byte[] raw, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
