package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Forced rotations against OpenBao behind a load balancer: the active node and two standbys that
 * serve reads 500ms behind it. No rotation may fail, no token may be left behind and the token's
 * health may never read WARNING or ERROR because of the lag. The suite runs 10 rotations; {@code
 * -Dmcpctl.lag.rotations=100} runs the hundred and prints the same figures.
 */
class StandbyLagIT {

  private static final String NAMESPACE = "lagging";
  private static final int ROTATIONS = Integer.getInteger("mcpctl.lag.rotations", 10);

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = OpenBaoFixture.withStandbys(2, Duration.ofMillis(500));
  private final RunningOperator operator =
      RunningOperator.start(kubernetes, "--leader-election=false");

  @AfterEach
  void stop() {
    operator.close();
    bao.close();
    kubernetes.close();
  }

  @Test
  void forcedRotationsNeitherFailNorLeakNorLookUnhealthyBecauseOfTheLag() {
    IssuedToken first = bao.provision(NAMESPACE, "bao");
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createTokenSecret(NAMESPACE, "bao", bao.address(), first);
    SecretBackend backend = bao.rotatingBackend(NAMESPACE, "bao", "24h");
    backend.getSpec().getOpenbao().getAuth().getRotation().setRevokeGracePeriod("1s");
    kubernetes.create(backend);
    await().atMost(Duration.ofSeconds(30)).until(() -> meta().getLastRotationAt() != null);

    List<String> failed = new ArrayList<>();
    List<String> unhealthy = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 1; i <= ROTATIONS; i++) {
      String request = "lag-" + i;
      kubernetes.requestRotation(NAMESPACE, "bao", request);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> request.equals(meta().getHandledRotateRequest()));
      TokenMeta meta = meta();
      if (meta.getLastRotationError() != null
          || meta.getConsecutiveFailures() == null
          || meta.getConsecutiveFailures() != 0) {
        failed.add(request + ": " + meta.getLastRotationError());
      }
      if (meta.getHealth() == TokenHealth.WARNING || meta.getHealth() == TokenHealth.ERROR) {
        unhealthy.add(request + ": " + meta.getHealth());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(bao.liveTokensOf("bao")).hasSize(1));
    long orphans = bao.liveTokensOf("bao").size() - 1L;

    System.out.printf(
        "Standby lag 500ms, 2 standbys: %d forced rotations in %.1f s: %d failed, %d orphans,"
            + " %d WARNING/ERROR health%n",
        ROTATIONS, seconds, failed.size(), orphans, unhealthy.size());
    assertThat(failed).isEmpty();
    assertThat(unhealthy).isEmpty();
    assertThat(orphans).isZero();
  }

  private TokenMeta meta() {
    SecretBackend backend = kubernetes.get(NAMESPACE, "bao");
    return backend.getStatus() == null || backend.getStatus().getTokenMeta() == null
        ? new TokenMeta()
        : backend.getStatus().getTokenMeta();
  }
}
