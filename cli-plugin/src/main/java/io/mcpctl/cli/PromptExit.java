package io.mcpctl.cli;

import java.util.List;

/**
 * Ends the plugin's JVM without the pause HotSpot makes at exit for threads blocked in native code:
 * it waits up to 300 ms for them to settle. Every JDK HTTP client keeps such a thread, its
 * selector, waiting in epoll for as long as the client lives, and a JDK 17 client cannot be closed
 * ({@code HttpClient.close} came with JDK 21), so every command that made a request paid the full
 * 300 ms on its way out. Interrupting a selector thread ends it at once.
 */
final class PromptExit {

  /** How the JDK names its HTTP clients' selector threads (JDK 11 to at least 25). */
  private static final String SELECTOR_THREAD_SUFFIX = "-SelectorManager";

  private PromptExit() {}

  private static final long STOP_WAIT_MILLIS = 50;

  static void exit(int status) {
    stopHttpSelectorThreads();
    System.exit(status);
  }

  /**
   * Stops the selector threads of every JDK HTTP client in this JVM, waiting briefly for each to
   * end; those clients can send nothing more.
   */
  static void stopHttpSelectorThreads() {
    List<Thread> selectors =
        Thread.getAllStackTraces().keySet().stream().filter(PromptExit::isHttpSelector).toList();
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

  static boolean isHttpSelector(Thread thread) {
    return thread.getName().startsWith("HttpClient-")
        && thread.getName().endsWith(SELECTOR_THREAD_SUFFIX);
  }
}
