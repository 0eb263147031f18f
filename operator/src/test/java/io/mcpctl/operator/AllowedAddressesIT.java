package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator installed with a list of OpenBao servers sends nothing to any other, however a
 * backend's address is written: not the health check, not a rotation, not the revocation when the
 * backend is deleted.
 */
class AllowedAddressesIT {

  private static final String NAMESPACE = "elsewhere";

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
  void aBackendAtAnotherAddressIsInvalidAndOpenBaoHearsNothing() {
    kubernetes.createNamespace(NAMESPACE);
    IssuedToken token = bao.provision(NAMESPACE, "bao");
    kubernetes.createTokenSecret(NAMESPACE, "bao", bao.address(), token);
    kubernetes.create(
        KubernetesFixture.rotatingBackend(
            NAMESPACE,
            "bao",
            bao.standIn().address().toString(),
            OpenBaoFixture.MOUNT,
            bao.access("bao").pathPrefix(),
            bao.access("bao").roleName(),
            "24h"));
    bao.clearRequests();

    operator =
        RunningOperator.start(
            kubernetes,
            "--leader-election=false",
            "--allowed-openbao-addresses=https://vault.example.com:8200");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition ready = ready(kubernetes.get(NAMESPACE, "bao"));
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo(ReadyReasons.INVALID_SPEC);
              assertThat(ready.getMessage())
                  .isEqualTo(
                      "spec.openbao.address "
                          + bao.standIn().address().toString().replaceAll("/$", "")
                          + " is not an OpenBao server this operator may reach (its"
                          + " allowedOpenBaoAddresses: https://vault.example.com:8200); point the"
                          + " backend at one of those, or ask the operator's administrators to add"
                          + " it.");
            });
    assertThat(reasons()).contains("InvalidSpec");

    kubernetes.client().resource(kubernetes.get(NAMESPACE, "bao")).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> kubernetes.get(NAMESPACE, "bao") == null);
    assertThat(reasons()).contains("TokensNotRevoked");
    assertThat(bao.requests()).as("requests OpenBao received").isEmpty();
    assertThat(bao.isLive(token.clientToken())).isTrue();
  }

  private List<String> reasons() {
    return kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .map(Event::getReason)
        .toList();
  }

  private static Condition ready(SecretBackend backend) {
    assertThat(backend.getStatus()).as("the status").isNotNull();
    return backend.getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals(ReadyReasons.CONDITION_TYPE))
        .findFirst()
        .orElseThrow();
  }
}
