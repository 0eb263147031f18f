package io.mcpctl.sandbox.demo;

import java.util.Arrays;

/**
 * What one command did.
 *
 * @param commandLine the command as shown to the user
 */
record CommandResult(String commandLine, int exitCode, String stdout, String stderr) {

  /** This result, or a failure naming the command and its exit code. */
  CommandResult succeeded() {
    if (exitCode != 0) {
      throw new StepFailed("`" + commandLine + "` exited with " + exitCode + ".");
    }
    return this;
  }

  /** This result, or a failure saying which text its output lacks. */
  CommandResult printed(String expected) {
    if (!(stdout + stderr).contains(expected)) {
      throw new StepFailed("`" + commandLine + "` did not print \"" + expected + "\".");
    }
    return this;
  }

  /**
   * This result, or a failure unless the table it printed has a row {@code name} showing {@code
   * cell}.
   */
  CommandResult showedRow(String name, String cell) {
    boolean shown =
        stdout
            .lines()
            .map(line -> Arrays.asList(line.strip().split("\\s+")))
            .anyMatch(cells -> cells.get(0).equals(name) && cells.contains(cell));
    if (!shown) {
      throw new StepFailed("`" + commandLine + "` shows no " + cell + " for " + name + ".");
    }
    return this;
  }
}
