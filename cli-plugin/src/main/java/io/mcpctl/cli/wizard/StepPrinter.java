package io.mcpctl.cli.wizard;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** Shows the wizard's steps as they run: {@code [3/8] KV v2 mount secret/ ... exists}. */
final class StepPrinter {

  private final PrintWriter out;
  private final int total;
  private int index;
  private boolean lineOpen;

  StepPrinter(PrintWriter out, int total) {
    this.out = out;
    this.total = total;
  }

  /**
   * Runs one step: prints its title, then the outcome {@code body} returns, or {@code failed} when
   * it throws (the error itself is reported once, by the command).
   */
  void run(String title, Supplier<String> body) {
    index++;
    out.print("[" + index + "/" + total + "] " + title + " ...");
    out.flush();
    lineOpen = true;
    String outcome;
    try {
      outcome = body.get();
    } catch (RuntimeException failure) {
      endLine("failed");
      throw failure;
    }
    endLine(outcome);
  }

  /** An indented detail under the current step, e.g. a line of a policy diff. */
  void detail(String line) {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
    out.println(("      " + line).stripTrailing());
    out.flush();
  }

  private void endLine(String outcome) {
    out.println((lineOpen ? " " : "      -> ") + outcome);
    out.flush();
    lineOpen = false;
  }
}
