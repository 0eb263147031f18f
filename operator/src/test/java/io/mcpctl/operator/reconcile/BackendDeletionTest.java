package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.rotation.FinalRevocation;
import io.mcpctl.operator.testing.InMemoryTokenSecretStore;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackendDeletionTest {

  @Test
  void aDeletionInANamespaceWithAllItsReconcilesUnderWayWaitsWithoutReadingAnything() {
    NamespaceShare share = new NamespaceShare(1);
    BackendDeletion deletion =
        new BackendDeletion(
            Clock.systemUTC(),
            new FinalRevocation(new InMemoryTokenSecretStore()),
            (backend, spec) -> {
              throw new AssertionError("no CA Secret read, no OpenBao reached while it waits");
            },
            new TokenHealthEvaluator(),
            share);
    SecretBackend backend =
        KubernetesFixture.rotatingBackend(
            "team-a", "bao", "http://127.0.0.1:1", "secret", "mcpctl", "mcpctl-team-a.bao", "24h");

    BackendDeletion.Result result;
    try (NamespaceShare.Entered hung = share.tryEnter("team-a").orElseThrow()) {
      result = deletion.delete(backend);
    }

    assertThat(result.done()).isFalse();
    assertThat(result.waitingStatus()).isEmpty();
    assertThat(result.notRevoked()).isEmpty();
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }
}
