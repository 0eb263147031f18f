package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.cli.common.CliException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SetupInterruptTest {

  @Test
  void aSignalWhileAStepWaitsForAnAnswerSaysWhatStaysWithoutWaitingForTheAnswer() throws Exception {
    List<String> said = new CopyOnWriteArrayList<>();
    SetupInterrupt interrupted =
        new SetupInterrupt(() -> said.add("announce"), () -> said.add("note"));
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch answered = new CountDownLatch(1);
    List<String> done = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> step =
        CompletableFuture.runAsync(
            () ->
                interrupted.step(
                    () -> {
                      boolean overwrite =
                          interrupted.whileAsking(
                              () -> {
                                asking.countDown();
                                awaitQuietly(answered);
                                return true;
                              });
                      done.add("overwrote: " + overwrite);
                    }));
    assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> signal = CompletableFuture.runAsync(interrupted::onSignal);

    signal.get(5, TimeUnit.SECONDS);
    assertThat(said).containsExactly("announce", "note");
    answered.countDown();
    assertThatThrownBy(() -> step.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(CliException.class)
        .hasMessageContaining("Interrupted.");
    assertThat(done).as("nothing done after the answer once the signal came").isEmpty();
    assertThatThrownBy(interrupted::close).isInstanceOf(CliException.class);
  }

  @Test
  void aSignalDuringAStepAtWorkWaitsForTheStep() throws Exception {
    List<String> said = new CopyOnWriteArrayList<>();
    SetupInterrupt interrupted = new SetupInterrupt(() -> {}, () -> said.add("note"));
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Void> step =
        CompletableFuture.runAsync(
            () ->
                interrupted.step(
                    () -> {
                      working.countDown();
                      awaitQuietly(finish);
                      said.add("step ended");
                    }));
    assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> signal = CompletableFuture.runAsync(interrupted::onSignal);
    Thread.sleep(200);
    assertThat(signal).as("waiting for the step under way").isNotDone();
    finish.countDown();

    signal.get(5, TimeUnit.SECONDS);
    step.get(5, TimeUnit.SECONDS);
    assertThat(said).containsExactly("step ended", "note");
    assertThatThrownBy(interrupted::close).isInstanceOf(CliException.class);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }
}
