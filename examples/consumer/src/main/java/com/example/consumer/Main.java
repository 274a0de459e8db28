package com.example.consumer;

import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.reconcile.ReconcileResult;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.history.FileStateStore;
import dev.gitops4j.core.source.GitRepository;
import dev.gitops4j.core.target.DirectoryTarget;
import dev.gitops4j.secrets.age.X25519Identity;
import dev.gitops4j.secrets.sops.Sops;
import dev.gitops4j.secrets.sops.SopsEncryptOptions;
import dev.gitops4j.secrets.sops.SopsKeys;
import dev.gitops4j.secrets.sops.SopsSecrets;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/**
 * What a user's application does with GitOps4J: reconcile a Git repository holding a plain and a
 * SOPS-encrypted manifest onto a directory. Run on the module path, it also checks that each
 * GitOps4J jar is the named module its Automatic-Module-Name promises.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    expectModule(GitOps.class, "dev.gitops4j.core");
    expectModule(SopsSecrets.class, "dev.gitops4j.secrets");
    expectModule(Problem.class, "dev.gitops4j.api");

    Path tmp = Files.createTempDirectory("gitops4j-consumer");
    Path repo = tmp.resolve("repo");
    X25519Identity key = X25519Identity.generate();
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(
          repo.resolve("app.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: prod\n"
              + "data:\n  greeting: hello\n");
      String secret =
          "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n"
              + "stringData:\n  password: consumer-check\n";
      Files.write(
          repo.resolve("db.yaml"),
          Sops.encrypt(
              "db.yaml",
              secret.getBytes(StandardCharsets.UTF_8),
              SopsEncryptOptions.builder()
                  .ageRecipient(key.recipient())
                  .encryptedRegex("^(data|stringData)$")
                  .build()));
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("first")
          .setSign(false)
          .setAuthor("consumer", "consumer@example.com")
          .setCommitter("consumer", "consumer@example.com")
          .call();
    }

    Path out = tmp.resolve("out");
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(repo))
            .target(DirectoryTarget.at(out))
            .stateStore(FileStateStore.at(tmp.resolve("state")))
            .secrets(SopsSecrets.of(SopsKeys.age(List.of(key))))
            .build()) {
      Validation<Seq<Problem>, ReconcileResult> reconciled = gitops.reconcile();
      if (reconciled.isInvalid()) {
        throw new IllegalStateException(reconciled.getError().mkString("\n"));
      }
      ReconcileResult result = reconciled.get();
      if (!result.succeeded() || result.applied().size() != 2) {
        throw new IllegalStateException("unexpected result: " + result);
      }
    }
    String written = Files.readString(out.resolve("Secret/prod/db.yaml"));
    if (!written.contains("consumer-check")) {
      throw new IllegalStateException("the decrypted secret did not reach the target");
    }
    System.out.println("consumer: module path ok, 2 resources reconciled");
  }

  private static void expectModule(Class<?> type, String name) {
    Module module = type.getModule();
    if (!module.isNamed() || !module.getName().equals(name)) {
      throw new IllegalStateException(
          type.getName() + " is in " + module + ", expected module " + name);
    }
  }
}
