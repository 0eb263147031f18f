package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.kube.KubernetesTokenConsumers;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator and the pods that read its token: it counts them, keeps a replaced token for those
 * that read it only at start until they have moved or {@code maxRevokeDelay} runs out (then says
 * who will fail), restarts their workloads when asked, and revokes everything at once when a leak
 * is answered with {@code rotate --revoke-previous}. The embedded API's workload emulation plays
 * the controllers: a restart replaces the pods.
 */
class ConsumersIT {

  private static final String NAMESPACE = "team-a";
  private static final String CONSUMERS_ON_PREVIOUS_TOKEN =
      "mcpctl_secretbackend_consumers_on_previous_token{name=\"bao\",namespace=\"team-a\"}";

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
  void anEnvConsumerHoldsThePreviousTokenUntilMaxRevokeDelayThenItIsRevokedWithAWarning()
      throws InterruptedException {
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createConsumerWorkload(NAMESPACE, "Deployment", "web", "bao-token");
    // Start times have whole seconds: a pod started in the switch's second counts as new.
    Thread.sleep(1_100);
    IssuedToken first = backend(ConsumersSpec.RESTART_NONE, "1s", "8s");

    await().atMost(Duration.ofSeconds(20)).until(() -> reasons().contains("Rotated"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(consumersCondition())
                    .contains(ReadyReasons.HOLDING_PREVIOUS_TOKEN, "1 of 1 container", "web-"));
    assertThat(operator.sample(CONSUMERS_ON_PREVIOUS_TOKEN)).hasValue(1);
    // Past the 1s grace period, the pod still holds the first token: it stays valid.
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(bao.isLive(first.clientToken())).as("held for the env consumer").isTrue();

    await().atMost(Duration.ofSeconds(15)).until(() -> !bao.isLive(first.clientToken()));
    // The event follows the revocation, after the status write.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(message("PreviousTokenRevokedInUse"))
                    .contains("consumers.maxRevokeDelay ran out", "web-", "/app (env)"));
    assertThat(consumersCondition())
        .contains(ReadyReasons.PREVIOUS_TOKEN_REVOKED_IN_USE, "web-", "fail until restarted");
  }

  @Test
  void aVolumeConsumerIsNoReasonToHoldThePreviousToken() {
    kubernetes.createNamespace(NAMESPACE);
    kubernetes
        .client()
        .resource(
            """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "reader", "namespace": "team-a"},
             "spec": {"volumes": [{"name": "t", "secret": {"secretName": "bao-token"}}],
               "containers": [{"name": "app", "image": "app",
                 "volumeMounts": [{"name": "t", "mountPath": "/var/run/bao"}]}]}}
            """)
        .create();
    IssuedToken first = backend(ConsumersSpec.RESTART_NONE, "1s", "1h");

    await().atMost(Duration.ofSeconds(20)).until(() -> !bao.isLive(first.clientToken()));
    assertThat(consumersCondition())
        .isEqualTo(
            "True "
                + ReadyReasons.ON_CURRENT_TOKEN
                + " 1 container read the token Secret; none holds a previous token.");
    assertThat(reasons()).doesNotContain("PreviousTokenRevokedInUse");
    assertThat(operator.sample(CONSUMERS_ON_PREVIOUS_TOKEN)).hasValue(0);
  }

  @Test
  void withRolloutTheWorkloadsOfEnvConsumersAreRestartedOnceAfterTheSwitch() {
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createConsumerWorkload(NAMESPACE, "Deployment", "web", "bao-token");
    kubernetes.createConsumerWorkload(NAMESPACE, "StatefulSet", "db", "bao-token");
    backend(ConsumersSpec.RESTART_ROLLOUT, "1s", "1h");

    await().atMost(Duration.ofSeconds(20)).until(() -> reasons().contains("ConsumersRestarted"));
    assertThat(restartedAt("deployments", "web")).isPresent();
    assertThat(restartedAt("statefulsets", "db")).isPresent();
    assertThat(
            kubernetes
                .client()
                .apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers())
        .as("the restart patch touched the annotation only")
        .singleElement()
        .satisfies(
            container -> assertThat(container.getEnv().get(0).getName()).isEqualTo("BAO_TOKEN"));
    assertThat(message("ConsumersRestarted")).contains("Deployment/web", "StatefulSet/db");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(events())
                    .filteredOn(event -> "RestartedForTokenRotation".equals(event.getReason()))
                    .extracting(
                        event ->
                            event.getInvolvedObject().getKind()
                                + "/"
                                + event.getInvolvedObject().getName())
                    .contains("Deployment/web", "StatefulSet/db"));
  }

  @Test
  void revokePreviousRotatesAtOnceInsideTheGracePeriodAndRevokesEveryPreviousToken()
      throws InterruptedException {
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createConsumerWorkload(NAMESPACE, "Deployment", "web", "bao-token");
    Thread.sleep(1_100);
    IssuedToken first = backend(ConsumersSpec.RESTART_NONE, "1m", "50m");
    await().atMost(Duration.ofSeconds(20)).until(() -> reasons().contains("Rotated"));
    String leaked = currentToken();

    String request = "2030-01-01T00:00:00Z";
    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(NAMESPACE)
        .withName("bao")
        .edit(
            backend -> {
              backend
                  .getMetadata()
                  .getAnnotations()
                  .put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, request);
              backend
                  .getMetadata()
                  .getAnnotations()
                  .put(SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION, request);
              return backend;
            });

    // Within seconds, though the first token's grace period has a minute to run.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                request.equals(
                    kubernetes
                        .get(NAMESPACE, "bao")
                        .getStatus()
                        .getTokenMeta()
                        .getHandledRotateRequest()));
    assertThat(bao.isLive(first.clientToken())).isFalse();
    assertThat(bao.isLive(VaultToken.of(leaked))).isFalse();
    assertThat(bao.isLive(VaultToken.of(currentToken()))).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(message("PreviousTokenRevokedOnRequest"))
                    .contains("web-", "/app (env)"));
  }

  /** Backend team-a/bao rotating every 2h, and its first token. */
  private IssuedToken backend(String restart, String revokeGracePeriod, String maxRevokeDelay) {
    IssuedToken first = bao.provision(NAMESPACE, "bao");
    kubernetes.createTokenSecret(NAMESPACE, "bao", bao.address(), first);
    SecretBackend backend = bao.rotatingBackend(NAMESPACE, "bao", "2h");
    var rotation = backend.getSpec().getOpenbao().getAuth().getRotation();
    rotation.setRevokeGracePeriod(revokeGracePeriod);
    ConsumersSpec consumers = new ConsumersSpec();
    consumers.setRestart(restart);
    consumers.setMaxRevokeDelay(maxRevokeDelay);
    rotation.setConsumers(consumers);
    kubernetes.create(backend);
    return first;
  }

  private String currentToken() {
    return new String(
        Base64.getDecoder()
            .decode(kubernetes.secret(NAMESPACE, "bao-token").getData().get("token")));
  }

  private Optional<String> restartedAt(String plural, String name) {
    var workload =
        kubernetes
            .client()
            .genericKubernetesResources(
                "apps/v1", plural.equals("deployments") ? "Deployment" : "StatefulSet")
            .inNamespace(NAMESPACE)
            .withName(name)
            .get();
    @SuppressWarnings("unchecked")
    var template =
        (java.util.Map<String, Object>)
            ((java.util.Map<String, Object>) workload.getAdditionalProperties().get("spec"))
                .get("template");
    @SuppressWarnings("unchecked")
    var metadata = (java.util.Map<String, Object>) template.get("metadata");
    @SuppressWarnings("unchecked")
    var annotations =
        metadata == null ? null : (java.util.Map<String, Object>) metadata.get("annotations");
    return Optional.ofNullable(annotations)
        .map(found -> found.get(KubernetesTokenConsumers.RESTARTED_AT))
        .map(Object::toString);
  }

  private String message(String reason) {
    return events().stream()
        .filter(event -> reason.equals(event.getReason()))
        .map(Event::getMessage)
        .findFirst()
        .orElse("");
  }

  private List<String> reasons() {
    return events().stream().map(Event::getReason).toList();
  }

  private List<Event> events() {
    return kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems();
  }

  /** The ConsumersOnCurrentToken condition as "status reason message", or "absent". */
  private String consumersCondition() {
    return kubernetes
        .get(NAMESPACE, "bao")
        .getStatus()
        .condition(ReadyReasons.CONSUMERS_CONDITION)
        .map(
            condition ->
                condition.getStatus() + " " + condition.getReason() + " " + condition.getMessage())
        .orElse("absent");
  }
}
