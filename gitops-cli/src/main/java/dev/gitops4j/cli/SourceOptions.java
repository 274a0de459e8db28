package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.load.ManifestLoader;
import dev.gitops4j.core.secrets.EnvSecretProvider;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.source.SignatureVerification;
import dev.gitops4j.secrets.pgp.PgpException;
import dev.gitops4j.secrets.sops.SopsKeys;
import dev.gitops4j.secrets.sops.SopsSecrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say where the desired state lives: {@code --repo}, {@code --ref}, {@code
 * --path}.
 */
final class SourceOptions {
  @Option(
      names = "--repo",
      required = true,
      paramLabel = "R",
      description = "Git repository: a local path or a URL (file://, https://, ssh://).")
  String repo;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "Branch, tag or commit to read (default: HEAD).")
  @Nullable String ref;

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Sub-path of the repository holding the manifests (default: all).")
  @Nullable String path;

  @Mixin RemoteOptions remote = new RemoteOptions();

  @Option(
      names = "--verify-signatures",
      paramLabel = "MODE",
      description =
          "Accept only revisions signed by a trusted key: head (the commit), tag (the tag named by --ref) or both.")
  @Nullable String verifySignatures;

  @Option(
      names = "--trusted-keys",
      paramLabel = "F",
      description =
          "Trusted signers: ASCII-armored OpenPGP public keys, or an SSH allowed_signers file.")
  @Nullable Path trustedKeys;

  GitRepository repository() {
    GitRepository repository = GitRepository.of(repo).credentials(remote.credentials());
    if (ref != null) {
      repository = repository.ref(ref);
    }
    if (path != null) {
      repository = repository.path(path);
    }
    if (verifySignatures != null || trustedKeys != null) {
      if (verifySignatures == null || trustedKeys == null) {
        throw new IllegalArgumentException(
            "--verify-signatures and --trusted-keys must be given together");
      }
      repository =
          repository.verifySignatures(
              SignatureVerification.trustedKeys(
                  SignatureVerification.Mode.parse(verifySignatures), trustedKeys));
    }
    return repository;
  }

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out files matching this gitignore-style pattern (from the repository root), on"
              + " top of .gitops4jignore files; may repeat.")
  List<String> excludes = new ArrayList<>();

  @Mixin KeyOptions keys = new KeyOptions();

  @Option(
      names = "--var",
      paramLabel = "K=V",
      description =
          "A variable for ${K} substitution after composition (repeatable; wins over --vars-file).")
  java.util.List<String> vars = new java.util.ArrayList<>();

  @Option(
      names = "--vars-file",
      paramLabel = "F",
      description =
          "Variables from a file: K=V lines (# comments), or a YAML/JSON mapping (.yaml/.yml/.json).")
  java.util.@Nullable List<java.nio.file.Path> varsFiles;

  /** The variables of --vars-file then --var, later ones winning. */
  java.util.Map<String, String> variables() {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    if (varsFiles != null) {
      for (java.nio.file.Path file : varsFiles) {
        out.putAll(VarsFile.read(file));
      }
    }
    for (String v : vars) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--var needs K=V, got '" + v + "'");
      }
      out.put(v.substring(0, eq), v.substring(eq + 1));
    }
    return out;
  }

  /**
   * The builder with the repository and the secret providers: environment always, SOPS with keys.
   */
  GitOps.Builder gitops() {
    GitOps.Builder builder =
        GitOps.builder()
            .repository(repository())
            .secrets(EnvSecretProvider.system())
            .variables(variables());
    if (!excludes.isEmpty()) {
      ManifestLoader.Builder loader = ManifestLoader.builder();
      excludes.forEach(loader::exclude);
      builder.loader(loader.build());
    }
    try {
      SopsKeys sopsKeys = keys.keys();
      if (!sopsKeys.isEmpty()) {
        builder.secrets(SopsSecrets.of(sopsKeys));
      }
    } catch (IOException | PgpException | IllegalArgumentException e) {
      throw new InputException(
          Problem.general("keys", "key-file", "cannot read keys: " + e.getMessage()), e);
    }
    return builder;
  }
}
