package dev.gitops4j.testkit;

import dev.gitops4j.api.model.Problem;
import io.vavr.collection.Seq;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on the {@link Problem}s of a load or validation. A failure message lists every
 * problem in the CLI's one-line form ({@code file:line: rule: message}).
 */
public final class ProblemsAssert extends AbstractAssert<ProblemsAssert, Seq<Problem>> {
  ProblemsAssert(Seq<Problem> problems) {
    super(problems, ProblemsAssert.class);
  }

  /**
   * There is a problem of {@code rule} in {@code file} at {@code line}.
   *
   * @param file the file exactly as the problem names it
   * @param line the line, counting from 1
   * @param rule the rule's id, such as {@code duplicate-key}
   * @return this assertion
   */
  public ProblemsAssert hasProblem(String file, int line, String rule) {
    isNotNull();
    if (!actual.exists(p -> p.file().equals(file) && p.line() == line && p.rule().equals(rule))) {
      failWithMessage(
          "Expected a problem %s:%d: %s, but the problems are:%n%s", file, line, rule, list());
    }
    return this;
  }

  /**
   * There is a problem of {@code rule} in {@code file}, at any line.
   *
   * @param file the file exactly as the problem names it
   * @param rule the rule's id, such as {@code duplicate-key}
   * @return this assertion
   */
  public ProblemsAssert hasProblem(String file, String rule) {
    isNotNull();
    if (!actual.exists(p -> p.file().equals(file) && p.rule().equals(rule))) {
      failWithMessage("Expected a problem %s: %s, but the problems are:%n%s", file, rule, list());
    }
    return this;
  }

  /**
   * Some problem's message contains {@code text}.
   *
   * @param text matched case-sensitively
   * @return this assertion
   */
  public ProblemsAssert hasProblemMentioning(String text) {
    isNotNull();
    if (!actual.exists(p -> p.message().contains(text))) {
      failWithMessage(
          "Expected a problem mentioning '%s', but the problems are:%n%s", text, list());
    }
    return this;
  }

  /**
   * There is no problem at all.
   *
   * @return this assertion
   */
  public ProblemsAssert hasNoProblems() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("Expected no problems, but found:%n%s", list());
    }
    return this;
  }

  /**
   * There are exactly {@code n} problems.
   *
   * @param n the expected count
   * @return this assertion
   */
  public ProblemsAssert hasProblemCount(int n) {
    isNotNull();
    if (actual.size() != n) {
      failWithMessage("Expected %d problems, but found %d:%n%s", n, actual.size(), list());
    }
    return this;
  }

  private String list() {
    return actual.isEmpty() ? "  (none)" : actual.map(p -> "  " + p).mkString("\n");
  }
}
