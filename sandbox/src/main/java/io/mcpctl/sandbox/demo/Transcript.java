package io.mcpctl.sandbox.demo;

import java.io.PrintWriter;

/**
 * What the demo shows its user: step headings, commands as {@code $ kubectl ...} followed by their
 * output, and {@code #} notes in between. Keeps a copy, so the demo can check at the end that no
 * token value was shown.
 */
final class Transcript {

  private final PrintWriter out;
  private final StringBuilder shown = new StringBuilder();

  Transcript(PrintWriter out) {
    this.out = out;
  }

  void heading(String text) {
    line("");
    line("== " + text);
  }

  /** A remark between commands, as a person would comment a shell session. */
  void note(String text) {
    line("# " + text);
  }

  void command(String commandLine) {
    line("$ " + commandLine);
  }

  /** A command's output as it printed it. */
  void output(String text) {
    if (text.isEmpty()) {
      return;
    }
    print(text.endsWith("\n") ? text : text + "\n");
  }

  void line(String text) {
    print(text + "\n");
  }

  /** Everything shown so far. */
  String shown() {
    return shown.toString();
  }

  private void print(String text) {
    shown.append(text);
    out.print(text);
    out.flush();
  }
}
