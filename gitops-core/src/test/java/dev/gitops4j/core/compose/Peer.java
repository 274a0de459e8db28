package dev.gitops4j.core.compose;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.source.Snapshot;
import dev.gitops4j.core.load.Documents;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code kubectl kustomize} and GitOps4J on the same folder. */
final class Peer {
  private static final boolean AVAILABLE = probe();

  private Peer() {}

  static boolean available() {
    return AVAILABLE;
  }

  private static boolean probe() {
    try {
      Process p =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** kubectl's output as documents, or its error text. */
  static Either<String, Seq<Node>> kubectl(Path dir) {
    try {
      Process p =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectErrorStream(false)
              .start();
      byte[] err;
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      try (InputStream in = p.getErrorStream()) {
        err = in.readAllBytes();
      }
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Either.left(
            "kubectl kustomize failed: " + new String(err, StandardCharsets.UTF_8).strip());
      }
      return Documents.parse("kubectl", out)
          .mapLeft(Object::toString)
          .map(docs -> docs.filter(d -> !(d instanceof Node.Null)));
    } catch (IOException e) {
      return Either.left(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Either.left("interrupted");
    }
  }

  /** GitOps4J's rendering of folder {@code sub} at HEAD of the repository in {@code repo}. */
  static Validation<Seq<Problem>, Seq<Node>> ours(Path repo, String sub) {
    try (GitRepository r = GitRepository.local(repo)) {
      Snapshot s = r.checkout(r.resolve().get()).get();
      return Kustomize.create().render(s, sub).map(docs -> docs.map(d -> (Node) d.body()));
    }
  }
}
