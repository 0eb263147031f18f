package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.chart.ChartIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An operator watching several namespaces, each with backends from before it started. */
class WatchedNamespacesIT {

  private static final List<String> NAMESPACES = List.of("team-a", "team-b");

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture(Clock.systemUTC());
  private RunningOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    bao.close();
    kubernetes.close();
  }

  @Test
  void everyWatchedNamespacesBackendsAreReconciledNotOnlyTheLastListed() {
    for (String namespace : NAMESPACES) {
      kubernetes.createNamespace(namespace);
      for (int i = 1; i <= 3; i++) {
        String name = namespace + "-" + i;
        kubernetes.createRotating(bao, namespace, name, bao.provision(namespace, name), "24h");
      }
    }

    operator =
        RunningOperator.start(
            kubernetes,
            "--leader-election-namespace=" + ChartIdentity.NAMESPACE,
            "--watch-namespaces=" + String.join(",", NAMESPACES));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String namespace : NAMESPACES) {
                for (int i = 1; i <= 3; i++) {
                  SecretBackend backend = kubernetes.get(namespace, namespace + "-" + i);
                  assertThat(backend.getStatus())
                      .as(namespace + "-" + i + " reconciled")
                      .isNotNull();
                  assertThat(backend.getStatus().getTokenMeta().getLastRotationAt())
                      .as(namespace + "-" + i + " rotated")
                      .isNotNull();
                }
              }
            });
  }
}
