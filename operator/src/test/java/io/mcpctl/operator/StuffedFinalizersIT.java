package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backend stuffed with finalizers (whoever may patch it may add them) is left aside, and the
 * operator goes on with every other backend.
 */
class StuffedFinalizersIT {

  private static final String NAMESPACE = "stuffed";

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture();
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
  void aBackendStuffedWithFinalizersIsLeftAsideAndTheOthersAreReconciled() {
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createRotating(bao, NAMESPACE, "fine", bao.provision(NAMESPACE, "fine"), "24h");
    SecretBackend stuffed =
        kubernetes.createRotating(
            bao, NAMESPACE, "stuffed", bao.provision(NAMESPACE, "stuffed"), "24h");
    List<String> finalizers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      finalizers.add("example.com/stuffing-" + i);
    }
    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(NAMESPACE)
        .withName(stuffed.getMetadata().getName())
        .edit(
            backend -> {
              backend.getMetadata().setFinalizers(finalizers);
              return backend;
            });

    operator = RunningOperator.start(kubernetes, "--leader-election=false");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kubernetes.get(NAMESPACE, "fine").getStatus() != null);
    assertThat(operator.operator().isReady()).isTrue();
    assertThat(kubernetes.get(NAMESPACE, "stuffed").getStatus()).as("left aside").isNull();
  }
}
