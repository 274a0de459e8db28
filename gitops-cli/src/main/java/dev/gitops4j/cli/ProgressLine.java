package dev.gitops4j.cli;

import dev.gitops4j.api.event.GitOpsEvent;
import dev.gitops4j.api.event.GitOpsListener;
import java.io.PrintWriter;

/**
 * A progress line for long applies on a terminal: rewritten in place on stderr as changes land
 * ({@code step 2/3: 1200/15000 changes}), at most every 100 changes and at each step, then cleared.
 * The CLI installs it only when stderr is a terminal and {@code --json} is off.
 */
final class ProgressLine implements GitOpsListener {
  private final PrintWriter err;
  private int total;
  private int done;
  private int step;
  private int steps;
  private boolean shown;

  ProgressLine(PrintWriter err) {
    this.err = err;
  }

  /** True when a progress line makes sense: an interactive terminal and no JSON. */
  static boolean wanted(boolean json) {
    return !json && isTerminal();
  }

  /**
   * Whether standard input and output are a terminal. Up to JDK 21 {@code System.console()} is null
   * otherwise; from JDK 22 it is never null and {@code Console.isTerminal()} tells.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: the JDK 22+ case is asked reflectively
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17 to 21: a console exists only on a terminal
    }
  }

  @Override
  public synchronized void onEvent(GitOpsEvent event) {
    if (event instanceof GitOpsEvent.PlanComputed p) {
      total = p.creates() + p.updates() + p.replaces() + p.deletes();
      done = 0;
    } else if (event instanceof GitOpsEvent.WaveStarted w) {
      step = w.step();
      steps = w.steps();
      show();
    } else if (event instanceof GitOpsEvent.ChangeApplied) {
      done++;
      if (done % 100 == 0 || done == total) {
        show();
      }
    } else if (event instanceof GitOpsEvent.RollbackStarted r) {
      clear();
      err.println("rolling back to " + r.to() + ": " + r.reason());
      err.flush();
    } else if (event instanceof GitOpsEvent.ReconcileFinished) {
      clear();
    }
  }

  private void show() {
    err.print("\r\033[Kstep " + step + "/" + steps + ": " + done + "/" + total + " changes");
    err.flush();
    shown = true;
  }

  private void clear() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
