package dev.gitops4j.cli;

import dev.gitops4j.api.model.Problem;

/**
 * A problem with the input found before the library runs (a key file that cannot be read): printed
 * as a problem line with exit code 1, like every other input problem, not as a usage error.
 */
final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial")
  private final Problem problem;

  InputException(Problem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
