package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.CliException;
import java.util.function.UnaryOperator;

/**
 * Between the mint and the last Kubernetes write, the wizard holds a token nobody else knows of. A
 * Ctrl-C or a SIGTERM then must not leave it alive: the JVM runs the cleanup (revoke it, undo this
 * run's writes) before it exits. Steps and cleanups run under one lock, so the cleanup waits for
 * the step under way, runs once, and no step starts after it.
 */
final class InterruptCleanup implements AutoCloseable {

  private final Thread hook;
  private boolean over;

  /**
   * Set by the signal before it waits for the lock: Java's locks are not fair, so the next step
   * could otherwise take the lock first and run after the signal.
   */
  private volatile boolean stopping;

  /**
   * @param announce printed at once when the signal comes, before waiting for the current step
   * @param cleanup run once, with the lock held, unless the guarded part ended first
   */
  InterruptCleanup(Runnable announce, Runnable cleanup) {
    this.hook =
        new Thread(
            () -> {
              stopping = true;
              announce.run();
              synchronized (this) {
                if (!over) {
                  over = true;
                  cleanup.run();
                }
              }
            },
            "wizard-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Runs one step of the guarded part.
   *
   * @throws CliException when the process is stopping and the cleanup has run
   */
  synchronized void step(Runnable action) {
    if (over || stopping) {
      throw new CliException("Interrupted.");
    }
    action.run();
  }

  /**
   * A step failed: cleans up with {@code cleanup} unless the signal's cleanup ran already.
   *
   * @return what to report
   */
  synchronized RuntimeException failed(
      RuntimeException failure, UnaryOperator<RuntimeException> cleanup) {
    if (over) {
      return failure;
    }
    over = true;
    return cleanup.apply(failure);
  }

  /** The guarded part ended: a signal from now on has nothing to undo. */
  @Override
  public void close() {
    synchronized (this) {
      over = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook has started; it finds the part over and undoes nothing.
    }
  }
}
