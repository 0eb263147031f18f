package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.openbao.RequestRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backend whose OpenBao side lives in a nested namespace: the operator sends {@code
 * X-Vault-Namespace} on every call of that namespace and never on the root-only ones, and its
 * rotations mint, verify and revoke there.
 */
class OpenBaoNamespaceIT {

  private static final String NAMESPACE = "team-a";
  private static final String OPENBAO_NAMESPACE = "team-a/dev";

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture(Clock.systemUTC());
  private final RunningOperator operator =
      RunningOperator.start(kubernetes, "--leader-election=false");

  @AfterEach
  void stop() {
    operator.close();
    bao.close();
    kubernetes.close();
  }

  @Test
  void aBackendInANestedOpenBaoNamespaceRotatesThereAndRevokesItsPredecessor() {
    IssuedToken first = bao.provisionIn(OPENBAO_NAMESPACE, NAMESPACE, "bao");
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createTokenSecret(NAMESPACE, "bao", bao.address(), first);
    SecretBackend backend = bao.rotatingBackend(NAMESPACE, "bao", "24h");
    backend.getSpec().getOpenbao().setNamespace(OPENBAO_NAMESPACE);
    backend.getSpec().getOpenbao().getAuth().getRotation().setRevokeGracePeriod("1s");
    kubernetes.create(backend);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              SecretBackend rotated = kubernetes.get(NAMESPACE, "bao");
              assertThat(rotated.getStatus()).isNotNull();
              assertThat(rotated.getStatus().getTokenMeta().getLastRotationAt()).isNotNull();
              assertThat(rotated.getStatus().condition(ReadyReasons.CONDITION_TYPE).orElseThrow())
                  .satisfies(ready -> assertThat(ready.getReason()).isEqualTo("TokenValid"));
            });
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> bao.standIn().tokenByAccessor(first.accessor()).isEmpty());

    String current =
        new String(
            Base64.getDecoder()
                .decode(kubernetes.secret(NAMESPACE, "bao-token").getData().get("token")));
    String namespaceId = first.accessor().substring(first.accessor().lastIndexOf('.') + 1);
    assertThat(current).as("minted in the namespace").endsWith("." + namespaceId);
    List<RequestRecord> calls = bao.requests();
    assertThat(calls)
        .filteredOn(call -> !call.path().startsWith("/v1/sys/health"))
        .isNotEmpty()
        .allSatisfy(call -> assertThat(call.namespace()).contains(OPENBAO_NAMESPACE));
    assertThat(calls)
        .filteredOn(call -> call.path().startsWith("/v1/sys/health"))
        .allSatisfy(call -> assertThat(call.namespace()).isEmpty());
  }
}
