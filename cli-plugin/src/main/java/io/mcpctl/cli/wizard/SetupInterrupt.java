package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.CliException;

/**
 * While the wizard sets OpenBao up (mount, policy, role), a Ctrl-C or SIGTERM has nothing to undo
 * (a re-run uses what was made) but should say what stays: the step under way ends, no later step
 * starts, and then the note is printed before the JVM exits.
 */
final class SetupInterrupt implements AutoCloseable {

  private final Thread hook;

  /** Set by the signal before it waits for the step under way. */
  private volatile boolean stopping;

  /**
   * @param announce printed at once when the signal comes
   * @param note printed once the step under way has ended
   */
  SetupInterrupt(Runnable announce, Runnable note) {
    this.hook =
        new Thread(
            () -> {
              stopping = true;
              announce.run();
              synchronized (this) {
                note.run();
              }
            },
            "wizard-setup-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Runs one setup step.
   *
   * @throws CliException when the process is stopping
   */
  synchronized void step(Runnable action) {
    if (stopping) {
      throw new CliException("Interrupted.");
    }
    action.run();
  }

  /**
   * The setup ended (or failed).
   *
   * @throws CliException when a signal came during it: nothing after it may start
   */
  @Override
  public void close() {
    if (stopping) {
      throw new CliException("Interrupted.");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs: it says what the setup leaves.
    }
  }
}
