package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.chart.ChartIdentity;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A leader whose Lease another replica took stops acting, and its process can exit. */
class LeadershipLossIT {

  private static final String LEASE = "mcpctl-operator-leader";
  private static final String NAMESPACE = "taken";

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final AtomicReference<RunningOperator> running = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (running.get() != null) {
      running.get().close();
    }
    bao.close();
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

    takeTheLease();

    assertThat(hookFinished.get(30, TimeUnit.SECONDS))
        .as("the shutdown hook ended while the process exited: no deadlock with the elector")
        .isTrue();
    assertThat(running.get().operator().isReady()).isFalse();
  }

  @Test
  void aReplicaThatLosesTheLeaseWhileItsControllersStartLeavesTheBackendsAlone() throws Exception {
    kubernetes.createNamespace(NAMESPACE);
    for (int i = 1; i <= 3; i++) {
      String name = "backend-" + i;
      kubernetes.createRotating(bao, NAMESPACE, name, bao.provision(NAMESPACE, name), "24h");
    }
    bao.clearRequests();
    // The controllers' start waits for the backends' first list, held back here as a slow API
    // server would.
    CountDownLatch listing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Interceptor slowFirstList =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            String query = Objects.requireNonNullElse(request.uri().getQuery(), "");
            if (request.uri().getPath().endsWith("/secretbackends")
                && !query.contains("watch=true")
                && listing.getCount() > 0) {
              listing.countDown();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    AtomicInteger exits = new AtomicInteger();
    running.set(
        RunningOperator.start(
            kubernetes,
            exits::incrementAndGet,
            new Interceptor[] {slowFirstList},
            "--leader-election-namespace=" + ChartIdentity.NAMESPACE));
    assertThat(listing.await(30, TimeUnit.SECONDS)).as("it leads and lists the backends").isTrue();
    assertThat(running.get().sample("mcpctl_operator_leader")).hasValue(1);

    takeTheLease();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> running.get().sample("mcpctl_operator_leader").orElse(1) == 0);
    release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> exits.get() == 1);

    assertThat(bao.requests())
        .as("OpenBao requests after this replica lost the Lease: none, it no longer leads")
        .isEmpty();
    for (int i = 1; i <= 3; i++) {
      assertThat(kubernetes.get(NAMESPACE, "backend-" + i).getStatus())
          .as("backend-%d's status: never written by a replica that no longer leads", i)
          .isNull();
    }
  }

  /**
   * Another replica holds the Lease now, as when this one missed its renewals. Tried again when the
   * operator renewed it in between (409).
   */
  private void takeTheLease() {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptionsMatching(
            failure ->
                failure instanceof KubernetesClientException refused && refused.getCode() == 409)
        .until(
            () ->
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
                            })
                    != null);
  }
}
