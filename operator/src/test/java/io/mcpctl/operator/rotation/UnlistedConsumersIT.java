package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.kube.KubernetesTokenConsumers;
import io.mcpctl.operator.kube.KubernetesTokenSecretStore;
import io.mcpctl.operator.reconcile.ReconcileOutcome;
import io.mcpctl.operator.reconcile.RestartRequest;
import io.mcpctl.operator.reconcile.TokenConsumers;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.ReconcileDriver;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pods cannot be listed (RBAC took the pod list away, the API failed): a requested rotation
 * still switches once and is marked handled, the previous token waits until its deadline as if pods
 * held it, and the restarts go out once the list works again.
 */
class UnlistedConsumersIT {

  private static final String NAMESPACE = "unlisted";
  private static final String BACKEND = "bao";

  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final KubernetesFixture kubernetes = new KubernetesFixture(bao.clock());
  private final KubernetesTokenSecretStore secrets =
      new KubernetesTokenSecretStore(kubernetes.client());
  private final AtomicBoolean listRefused = new AtomicBoolean(true);
  private final KubernetesTokenConsumers cluster =
      new KubernetesTokenConsumers(kubernetes.client());
  private final TokenConsumers consumers =
      new TokenConsumers() {
        @Override
        public List<TokenConsumer> find(String namespace, String secret, String tokenKey) {
          if (listRefused.get()) {
            throw new KubernetesClientException(
                "pods is forbidden: User \"system:serviceaccount:mcpctl-system:mcpctl-operator\""
                    + " cannot list resource \"pods\"",
                403,
                null);
          }
          return cluster.find(namespace, secret, tokenKey);
        }

        @Override
        public void restart(RestartRequest request, Turn turn) throws InterruptedException {
          cluster.restart(request, turn);
        }
      };

  @AfterEach
  void stop() {
    kubernetes.close();
    bao.close();
  }

  @Test
  void aRotationWhosePodsCannotBeListedIsHandledOnceAndItsPredecessorWaitsForItsDeadline() {
    kubernetes.createNamespace(NAMESPACE);
    IssuedToken first = bao.provision(NAMESPACE, BACKEND);
    kubernetes.createTokenSecret(NAMESPACE, BACKEND, bao.address(), first);
    kubernetes.createConsumerWorkload(NAMESPACE, "Deployment", "web", BACKEND + "-token");
    bao.clock().advance(Duration.ofSeconds(10));
    SecretBackend backend = ReconcileDriver.newBackend(NAMESPACE, BACKEND, bao, "24h", "10m", "2m");
    ConsumersSpec rollout = new ConsumersSpec();
    rollout.setRestart(ConsumersSpec.RESTART_ROLLOUT);
    rollout.setMaxRevokeDelay("1h");
    backend.getSpec().getOpenbao().getAuth().getRotation().setConsumers(rollout);
    ReconcileDriver driver =
        new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, backend, consumers);
    Instant requestedAt = bao.clock().instant();
    String request = Rfc3339.format(requestedAt);
    driver.requestRotation(requestedAt);

    ReconcileOutcome rotated = driver.reconcile();
    driver.persist(rotated.status());

    String switchedAt = rotatedAt();
    assertThat(rotated.status().getTokenMeta().getHandledRotateRequest()).isEqualTo(request);
    assertThat(consumersCondition(rotated))
        .satisfies(
            condition -> {
              assertThat(condition.getStatus()).isEqualTo("Unknown");
              assertThat(condition.getReason()).isEqualTo(ReadyReasons.CONSUMERS_UNLISTED);
              assertThat(condition.getMessage()).contains("pods is forbidden");
            });
    assertThat(restartedAt()).as("no restart without a list").isEmpty();

    bao.clock().advance(Duration.ofMinutes(5));
    ReconcileOutcome afterGrace = driver.reconcile();
    driver.persist(afterGrace.status());
    assertThat(rotatedAt()).as("no second rotation for the handled request").isEqualTo(switchedAt);
    assertThat(bao.isLive(first.clientToken()))
        .as("kept past its grace period: nobody knows who holds it")
        .isTrue();

    listRefused.set(false);
    ReconcileOutcome listed = driver.reconcile();
    driver.persist(listed.status());
    assertThat(restartedAt())
        .as("the switch's restarts, once the pods can be listed")
        .contains(switchedAt);
    assertThat(listed.events())
        .extracting(ReconcileReport.Event::reason)
        .contains("ConsumersRestartResumed");

    listRefused.set(true);
    bao.clock().advance(Duration.ofHours(1));
    ReconcileOutcome atDeadline = driver.reconcile();
    driver.persist(atDeadline.status());
    assertThat(bao.isLive(first.clientToken()))
        .as("revoked at its deadline although the pods still cannot be listed")
        .isFalse();
    assertThat(rotatedAt()).isEqualTo(switchedAt);
  }

  private Condition consumersCondition(ReconcileOutcome outcome) {
    return outcome.status().getConditions().stream()
        .filter(condition -> condition.getType().equals(ReadyReasons.CONSUMERS_CONDITION))
        .findFirst()
        .orElseThrow();
  }

  private String rotatedAt() {
    return kubernetes
        .secret(NAMESPACE, BACKEND + "-token")
        .getMetadata()
        .getAnnotations()
        .get(TokenSecretKeys.ROTATED_AT_ANNOTATION);
  }

  private Optional<String> restartedAt() {
    Deployment web =
        kubernetes.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
    return Optional.ofNullable(web.getSpec().getTemplate().getMetadata().getAnnotations())
        .map(annotations -> annotations.get(KubernetesTokenConsumers.RESTARTED_AT));
  }
}
