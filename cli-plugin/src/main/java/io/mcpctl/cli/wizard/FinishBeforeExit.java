package io.mcpctl.cli.wizard;

import java.util.concurrent.CountDownLatch;

/**
 * Once the new token is stored, the tokens it replaced are stored nowhere until they are revoked: a
 * Ctrl-C or SIGTERM in between must not end the process first. The JVM's exit waits here until the
 * revocations end (each bounded by the OpenBao request timeout).
 */
final class FinishBeforeExit implements AutoCloseable {

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  /**
   * @param announce printed at once when the signal comes
   */
  FinishBeforeExit(Runnable announce) {
    this.hook =
        new Thread(
            () -> {
              announce.run();
              boolean interrupted = false;
              while (finished.getCount() > 0) {
                try {
                  finished.await();
                } catch (InterruptedException keepWaiting) {
                  interrupted = true;
                }
              }
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
            },
            "wizard-finishing");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is waiting, and returns now.
    }
  }
}
