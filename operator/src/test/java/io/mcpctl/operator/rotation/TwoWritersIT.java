package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.kube.KubernetesTokenSecretStore;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.ReconcileDriver;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica that lost the lead mid-rotation while another took over: what the second one did to the
 * Secret in the meantime is never undone by the first one's clean-up.
 */
class TwoWritersIT {

  private static final String NAMESPACE = "two-writers";
  private static final String BACKEND = "bao";

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final KubernetesTokenSecretStore secrets =
      new KubernetesTokenSecretStore(kubernetes.client());

  @AfterEach
  void stop() {
    bao.close();
    kubernetes.close();
  }

  @Test
  void aSuccessorAnotherReplicaSwitchedToIsNotRevokedWhenTheFirstOneFailsToVerifyIt() {
    AtomicReference<VaultToken> switchedByTheOther = new AtomicReference<>();

    // After the new leader found the staged successor, verified it and switched to it, as its
    // staged-token recovery does.
    rotateFailingVerificationAfterStaging(() -> switchedByTheOther.set(switchToStaged()));

    VaultToken current = VaultToken.of(secretValue("token"));
    assertThat(current).isEqualTo(switchedByTheOther.get());
    assertThat(bao.isLive(current))
        .as("the token the Secret holds now, which the other replica switched to")
        .isTrue();
  }

  @Test
  void aSuccessorWhoseSecretWasReplacedWithoutItIsRevokedNotLeftAliveUnheld() {
    AtomicReference<VaultToken> staged = new AtomicReference<>();

    // Someone applies the Secret as they keep it, without next-token.
    IssuedToken first =
        rotateFailingVerificationAfterStaging(
            () -> {
              staged.set(VaultToken.of(secretValue(TokenSecretKeys.NEXT_TOKEN)));
              editUnstaging(secret -> secret);
            });

    assertThat(bao.isLive(staged.get())).as("the successor no Secret holds any more").isFalse();
    assertThat(bao.isLive(first.clientToken())).as("the consumers' token").isTrue();
  }

  /**
   * One reconcile of an overdue backend whose successor fails verification (its KV write answers
   * 500), with {@code meanwhile} done to the Secret right after the successor was staged.
   *
   * @return the token the backend started with
   */
  private IssuedToken rotateFailingVerificationAfterStaging(Runnable meanwhile) {
    kubernetes.createNamespace(NAMESPACE);
    IssuedToken first = bao.provision(NAMESPACE, BACKEND);
    kubernetes.createTokenSecret(NAMESPACE, BACKEND, bao.address(), first);
    bao.clock().advance(Duration.ofSeconds(10));
    SecretBackend backend = ReconcileDriver.newBackend(NAMESPACE, BACKEND, bao, "24h", "10m", "2m");
    bao.standIn().faults().add(Fault.on("POST", "secret/data/.*").respond(500).times(1).build());
    new ReconcileDriver(
            bao,
            bao.client(),
            secrets,
            step -> {
              if (step == RotationStep.STAGED) {
                meanwhile.run();
              }
            },
            backend)
        .reconcile();
    return first;
  }

  /** Makes the staged token the current one, keeping the replaced one as previous-token. */
  private VaultToken switchToStaged() {
    String staged = secretValue(TokenSecretKeys.NEXT_TOKEN);
    String replaced = secretValue(TokenSecretKeys.TOKEN);
    editUnstaging(
        secret ->
            secret
                .addToData(TokenSecretKeys.TOKEN, base64(staged))
                .addToData(TokenSecretKeys.PREVIOUS_TOKEN, base64(replaced)));
    return VaultToken.of(staged);
  }

  /** Edits the token Secret as another writer would: without the staged token, and {@code more}. */
  private void editUnstaging(UnaryOperator<SecretBuilder> more) {
    kubernetes
        .client()
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(BACKEND + "-token")
        .edit(
            secret ->
                more.apply(
                        new SecretBuilder(secret)
                            .removeFromData(TokenSecretKeys.NEXT_TOKEN)
                            .removeFromData(TokenSecretKeys.NEXT_ACCESSOR))
                    .build());
  }

  private String secretValue(String key) {
    String encoded = kubernetes.secret(NAMESPACE, BACKEND + "-token").getData().get(key);
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
