package io.mcpctl.operator.runtime;

import java.util.Optional;

/**
 * Sizes the JDK's common pool so that asynchronous completions reuse threads on small machines.
 *
 * <p>With two CPUs or fewer the common pool's parallelism is 1, and {@code CompletableFuture} then
 * runs every asynchronous stage without an executor on a thread of its own; the JDK HTTP client
 * under fabric8 completes each response that way, so a catch-up of 1,000 rotations started about
 * 6,400 threads, and their starts cost about a tenth of the operator's CPU. A parallelism of 2 is
 * what the JDK picks on three CPUs: the stages then run on two pooled threads. A parallelism set on
 * the command line is kept, and larger machines keep the JDK's own choice.
 */
public final class AsyncCompletionPool {

  static final String PARALLELISM_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The parallelism below which {@code CompletableFuture} starts a thread per stage. */
  private static final int POOLED_PARALLELISM = 2;

  private AsyncCompletionPool() {}

  /** Call first in {@code main}, before anything touches the common pool. */
  public static void configure() {
    parallelismToSet(
            Runtime.getRuntime().availableProcessors(), System.getProperty(PARALLELISM_PROPERTY))
        .ifPresent(parallelism -> System.setProperty(PARALLELISM_PROPERTY, parallelism));
  }

  /**
   * @param processors the CPUs the JVM sees
   * @param configured the parallelism set on the command line, or null
   * @return the parallelism to set, or empty to leave the JDK's choice
   */
  static Optional<String> parallelismToSet(int processors, String configured) {
    // The JDK's default parallelism is processors - 1.
    if (configured != null || processors - 1 >= POOLED_PARALLELISM) {
      return Optional.empty();
    }
    return Optional.of(Integer.toString(POOLED_PARALLELISM));
  }
}
