package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.consumer.Workload;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.kube.KubernetesTokenConsumers;
import io.mcpctl.operator.kube.KubernetesTokenSecretStore;
import io.mcpctl.operator.reconcile.ReconcileOutcome;
import io.mcpctl.operator.reconcile.RestartRequest;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.ReconcileDriver;
import io.mcpctl.operator.testing.TokenLedger;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A process that dies between the switch and the rolling restarts of the token's env consumers: the
 * Secret records that the switch's restarts may be unsent, and the next process sends them, with
 * the switch's own {@code restartedAt}, so a workload is restarted once for the switch whoever sent
 * it. The API and OpenBao share the test's clock, so pod start times and switches compare.
 */
class ConsumerRestartCrashIT {

  private static final String NAMESPACE = "crash";
  private static final String BACKEND = "bao";

  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final KubernetesFixture kubernetes = new KubernetesFixture(bao.clock());
  private final KubernetesTokenSecretStore secrets =
      new KubernetesTokenSecretStore(kubernetes.client());
  private final KubernetesTokenConsumers consumers =
      new KubernetesTokenConsumers(kubernetes.client());

  @AfterEach
  void stop() {
    kubernetes.close();
    bao.close();
  }

  @Test
  void aCrashRightAfterTheSwitchStillRestartsTheEnvConsumerOnceAndRevokesAfterItMoved()
      throws Exception {
    kubernetes.createNamespace(NAMESPACE);
    IssuedToken first = bao.provision(NAMESPACE, BACKEND);
    kubernetes.createTokenSecret(NAMESPACE, BACKEND, bao.address(), first);
    kubernetes.createConsumerWorkload(NAMESPACE, "Deployment", "web", BACKEND + "-token");
    List<String> before = replicaSets();
    bao.clock().advance(Duration.ofSeconds(10));
    SecretBackend backend = ReconcileDriver.newBackend(NAMESPACE, BACKEND, bao, "24h", "10m", "2m");
    ConsumersSpec rollout = new ConsumersSpec();
    rollout.setRestart(ConsumersSpec.RESTART_ROLLOUT);
    rollout.setMaxRevokeDelay("1h");
    backend.getSpec().getOpenbao().getAuth().getRotation().setConsumers(rollout);
    ReconcileDriver dying =
        new ReconcileDriver(
            bao,
            bao.client(),
            secrets,
            step -> {
              if (step == RotationStep.SWITCHED) {
                throw new IllegalStateException("the process dies after the switch");
              }
            },
            backend,
            consumers);

    try {
      dying.reconcile();
    } catch (IllegalStateException died) {
      assertThat(died).hasMessageContaining("dies after the switch");
    }
    TokenLedger ledger = new TokenLedger(bao, secrets, NAMESPACE, BACKEND);
    TokenSecret switched = ledger.secret();
    String switchedAt = switched.annotations().get(TokenSecretKeys.ROTATED_AT_ANNOTATION);
    assertThat(switched.annotations())
        .containsEntry(TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION, switchedAt);
    assertThat(restartedAt()).as("the dead process sent no restart").isEmpty();

    ReconcileDriver next =
        new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, backend, consumers);
    ReconcileOutcome resumed = next.reconcile();
    next.persist(resumed.status());

    assertThat(restartedAt()).as("the switch's own time").contains(switchedAt);
    assertThat(resumed.events())
        .extracting(ReconcileReport.Event::reason)
        .contains("ConsumersRestartResumed");
    kubernetes.api().awaitWorkloadsSettled();
    List<String> restarted = replicaSets();
    assertThat(restarted)
        .as("one rollout for the switch")
        .hasSize(1)
        .doesNotContainAnyElementsOf(before);

    // A restart sent again for the same switch, as a third process would, changes nothing.
    consumers.restart(
        new RestartRequest(
            NAMESPACE,
            new Workload(Workload.DEPLOYMENT, "web"),
            BACKEND + "-token",
            "token",
            BACKEND,
            Rfc3339.parse(switchedAt).orElseThrow()),
        () -> {});
    kubernetes.api().awaitWorkloadsSettled();
    assertThat(replicaSets()).as("no second rollout for the same switch").isEqualTo(restarted);

    // Whoever may edit the Secret claims switches the operator never made: one now, which this
    // process would resume within a rotation interval of its last round, and one ahead of its
    // clock, which a new process would resume.
    claimSwitchAt(bao.clock().instant());
    next.reconcile();
    claimSwitchAt(bao.clock().instant().plus(Duration.ofHours(1)));
    new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, backend, consumers)
        .reconcile();
    assertThat(restartedAt()).as("no restart for a claimed switch").contains(switchedAt);
    claimSwitchAt(Rfc3339.parse(switchedAt).orElseThrow());

    bao.clock().advance(Duration.ofMinutes(2));
    ReconcileDriver after =
        new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, backend, consumers);
    after.persist(after.reconcile().status());

    assertThat(bao.isLive(first.clientToken()))
        .as("revoked when the grace period ended: the restarted pod moved")
        .isFalse();
    assertThat(ledger.secret().annotations())
        .doesNotContainKey(TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION);
    assertThat(ledger.orphans()).isEmpty();
  }

  private void claimSwitchAt(Instant at) {
    String claimed = Rfc3339.format(at);
    kubernetes
        .client()
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(BACKEND + "-token")
        .edit(
            secret -> {
              secret
                  .getMetadata()
                  .getAnnotations()
                  .put(TokenSecretKeys.ROTATED_AT_ANNOTATION, claimed);
              secret
                  .getMetadata()
                  .getAnnotations()
                  .put(TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION, claimed);
              return secret;
            });
  }

  private Optional<String> restartedAt() {
    Deployment web =
        kubernetes.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
    return Optional.ofNullable(web.getSpec().getTemplate().getMetadata().getAnnotations())
        .map(annotations -> annotations.get(KubernetesTokenConsumers.RESTARTED_AT));
  }

  /** The Deployment's ReplicaSets by name: a new pod template makes a new one. */
  private List<String> replicaSets() {
    return kubernetes
        .client()
        .apps()
        .replicaSets()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .stream()
        .map(replicaSet -> replicaSet.getMetadata().getName())
        .toList();
  }
}
