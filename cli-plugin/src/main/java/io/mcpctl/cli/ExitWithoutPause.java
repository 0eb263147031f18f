package io.mcpctl.cli;

import java.util.Collection;
import java.util.List;

/**
 * Ends the plugin's JVM without the pause HotSpot makes at exit for threads blocked in native code:
 * it waits up to 300 ms for them to settle. Every JDK HTTP client keeps such a thread, its
 * selector, waiting in epoll for as long as the client lives, and a JDK 17 client cannot be closed
 * ({@code HttpClient.close} came with JDK 21), so every command that made a request paid the full
 * 300 ms on its way out. Interrupting a selector thread ends it at once.
 */
final class ExitWithoutPause {

  /** How the JDK names its HTTP clients' selector threads (JDK 11 to at least 25). */
  private static final String SELECTOR_THREAD_PREFIX = "HttpClient-";

  private static final String SELECTOR_THREAD_SUFFIX = "-SelectorManager";

  private static final long STOP_WAIT_MILLIS = 50;

  private ExitWithoutPause() {}

  static void exit(int status) {
    stop(httpSelectorThreads());
    System.exit(status);
  }

  /** The selector threads of the JDK HTTP clients in this JVM. */
  static List<Thread> httpSelectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            thread ->
                thread.getName().startsWith(SELECTOR_THREAD_PREFIX)
                    && thread.getName().endsWith(SELECTOR_THREAD_SUFFIX))
        .toList();
  }

  /**
   * Interrupts {@code selectors} and waits briefly for each to end; their clients can send nothing
   * more.
   */
  static void stop(Collection<Thread> selectors) {
    selectors.forEach(Thread::interrupt);
    for (Thread selector : selectors) {
      try {
        selector.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
