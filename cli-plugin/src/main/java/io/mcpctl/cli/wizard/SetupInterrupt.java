package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.CliException;
import java.util.function.Supplier;

/**
 * While the wizard sets OpenBao up (mount, policy, role), a Ctrl-C or SIGTERM has nothing to undo
 * (a re-run uses what was made) but should say what stays: the step under way ends, no later step
 * starts, and then the note is printed before the JVM exits.
 */
final class SetupInterrupt implements AutoCloseable {

  private final Thread hook;
  private final Runnable announce;
  private final Runnable note;

  /** Set by the signal before it waits for the step under way. */
  private volatile boolean stopping;

  /** Set while a step waits for an answer on the terminal, when nothing is under way. */
  private volatile boolean asking;

  /**
   * @param announce printed at once when the signal comes
   * @param note printed once the step under way has ended
   */
  SetupInterrupt(Runnable announce, Runnable note) {
    this.announce = announce;
    this.note = note;
    this.hook = new Thread(this::onSignal, "wizard-setup-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * What the shutdown hook does. A step waiting for an answer has nothing under way in OpenBao, and
   * the answer may never come (the person pressed Ctrl-C instead), so the note is printed without
   * waiting for it; the step then starts nothing ({@link #whileAsking}).
   */
  void onSignal() {
    stopping = true;
    announce.run();
    if (asking) {
      note.run();
      return;
    }
    synchronized (this) {
      note.run();
    }
  }

  /**
   * Asks within a step. Set and read in the opposite order to {@link #onSignal}, so that either the
   * signal waits for the step, or the step sees the signal and starts nothing after the answer.
   *
   * @throws CliException when the process started stopping meanwhile
   */
  <T> T whileAsking(Supplier<T> question) {
    asking = true;
    T answer;
    try {
      answer = question.get();
    } finally {
      asking = false;
    }
    if (stopping) {
      throw new CliException("Interrupted.");
    }
    return answer;
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
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs: it says what the setup leaves.
    }
    if (stopping) {
      throw new CliException("Interrupted.");
    }
  }
}
