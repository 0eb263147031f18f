package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.chart.ChartIdentity;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A leader whose Lease another replica took stops, and its process can exit. */
class LeadershipLossIT {

  private static final String LEASE = "mcpctl-operator-leader";

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final AtomicReference<RunningOperator> running = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (running.get() != null) {
      running.get().close();
    }
    kubernetes.close();
  }

  @Test
  void aLeaderThatLosesItsLeaseExitsWithoutDeadlockingItsShutdownHook() throws Exception {
    CompletableFuture<Boolean> hookFinished = new CompletableFuture<>();
    // As System.exit does: the shutdown hook (the operator's close) runs on another thread while
    // the thread that exits waits for it.
    Runnable exit =
        () -> {
          Thread hook = new Thread(() -> running.get().operator().close(), "shutdown");
          hook.start();
          try {
            hook.join(10_000);
          } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
          }
          hookFinished.complete(!hook.isAlive());
        };
    running.set(
        RunningOperator.start(
            kubernetes, exit, "--leader-election-namespace=" + ChartIdentity.NAMESPACE));
    await().atMost(Duration.ofSeconds(30)).until(() -> running.get().operator().isReady());

    // Another replica holds the Lease now, as when this one missed its renewals.
    kubernetes
        .client()
        .leases()
        .inNamespace(ChartIdentity.NAMESPACE)
        .withName(LEASE)
        .edit(
            lease -> {
              lease.getSpec().setHolderIdentity("another-replica");
              lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
              return lease;
            });

    assertThat(hookFinished.get(30, TimeUnit.SECONDS))
        .as("the shutdown hook ended while the process exited: no deadlock with the elector")
        .isTrue();
    assertThat(running.get().operator().isReady()).isFalse();
  }
}
