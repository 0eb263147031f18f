package io.mcpctl.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsyncCompletionPoolTest {

  @Test
  void onTwoCpusOrFewerTheCommonPoolGetsTwoThreadsSoCompletionsStopStartingThreads() {
    assertThat(AsyncCompletionPool.parallelismToSet(1, null)).contains("2");
    assertThat(AsyncCompletionPool.parallelismToSet(2, null)).contains("2");
  }

  @Test
  void largerMachinesKeepTheJdksChoice() {
    assertThat(AsyncCompletionPool.parallelismToSet(3, null)).isEmpty();
    assertThat(AsyncCompletionPool.parallelismToSet(16, null)).isEmpty();
  }

  @Test
  void aParallelismSetOnTheCommandLineIsKept() {
    assertThat(AsyncCompletionPool.parallelismToSet(2, "1")).isEmpty();
  }
}
