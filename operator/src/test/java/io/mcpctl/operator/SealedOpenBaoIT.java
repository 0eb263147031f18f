package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.reconcile.BackendDeletion;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sealed OpenBao is its own Ready reason, not a token error, and the backend recovers. */
class SealedOpenBaoIT {

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture(Clock.systemUTC());
  private final RunningOperator operator =
      RunningOperator.start(kubernetes, "--leader-election=false", "--health-check-interval=2s");

  @AfterEach
  void stop() {
    operator.close();
    bao.close();
    kubernetes.close();
  }

  @Test
  void aSealedOpenBaoMakesReadyFalseWithReasonSealedAndRecoversAfterUnseal() {
    aReadyRotatingBackend();

    bao.standIn().seal();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertReady("False", ReadyReasons.SEALED));
    SecretBackend sealed = kubernetes.get("team-a", "bao");
    assertThat(ready(sealed).getMessage()).contains("sealed");
    assertThat(sealed.getStatus().getTokenMeta().getHealth()).isEqualTo(TokenHealth.WARNING);

    bao.standIn().unseal();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertReady("True", ReadyReasons.TOKEN_VALID));
    assertThat(kubernetes.get("team-a", "bao").getStatus().getTokenMeta().getHealth())
        .isEqualTo(TokenHealth.HEALTHY);
  }

  @Test
  void deletionWaitsWhileOpenBaoIsSealedAndTheSkipAnnotationForcesIt() {
    aReadyRotatingBackend();
    bao.standIn().seal();

    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace("team-a")
        .withName("bao")
        .delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertReady("False", ReadyReasons.DELETING);
              assertThat(ready(kubernetes.get("team-a", "bao")).getMessage())
                  .contains("sealed", BackendDeletion.SKIP_REVOKE_ANNOTATION + "=true");
            });

    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace("team-a")
        .withName("bao")
        .edit(
            backend -> {
              backend
                  .getMetadata()
                  .getAnnotations()
                  .put(BackendDeletion.SKIP_REVOKE_ANNOTATION, "true");
              return backend;
            });

    await().atMost(Duration.ofSeconds(20)).until(() -> kubernetes.get("team-a", "bao") == null);
    bao.standIn().unseal();
    assertThat(bao.liveTokensOf("bao"))
        .as("tokens left to expire, as the annotation asked")
        .isNotEmpty();
  }

  /** Backend team-a/bao with a provisioned token, once the operator reports it Ready. */
  private void aReadyRotatingBackend() {
    IssuedToken first = bao.provision("team-a", "bao");
    kubernetes.createNamespace("team-a");
    kubernetes.createTokenSecret("team-a", "bao", bao.address(), first);
    kubernetes.create(
        KubernetesFixture.rotatingBackend(
            "team-a",
            "bao",
            bao.standIn().address().toString(),
            OpenBaoFixture.MOUNT,
            bao.access("bao").pathPrefix(),
            bao.access("bao").roleName(),
            "24h"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertReady("True", ReadyReasons.TOKEN_VALID));
  }

  private void assertReady(String status, String reason) {
    Condition ready = ready(kubernetes.get("team-a", "bao"));
    assertThat(ready.getStatus()).isEqualTo(status);
    assertThat(ready.getReason()).isEqualTo(reason);
  }

  private static Condition ready(SecretBackend backend) {
    assertThat(backend.getStatus()).as("status").isNotNull();
    return backend.getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals(ReadyReasons.CONDITION_TYPE))
        .findFirst()
        .orElseThrow();
  }
}
