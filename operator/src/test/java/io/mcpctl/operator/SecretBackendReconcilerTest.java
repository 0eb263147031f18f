package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretBackendReconcilerTest {

  @Test
  void aReplicaThatNoLongerLeadsLeavesABackendAlone() throws Exception {
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(
            "team-a", "bao", "https://bao.example:8200", "secret", "mcpctl");
    OperatorMetrics metrics = new OperatorMetrics();
    // Nothing to act with: the reconciliation, the deletion, the events, the slot events and
    // JOSDK's context are absent, so any use of them fails the test.
    SecretBackendReconciler reconciler =
        new SecretBackendReconciler(
            null, null, null, metrics, Duration.ofSeconds(5), null, () -> false);

    UpdateControl<SecretBackend> reconciled = reconciler.reconcile(backend, null);
    DeleteControl deleted = reconciler.cleanup(backend, null);

    assertThat(reconciled.isNoUpdate()).isTrue();
    assertThat(reconciled.getScheduleDelay()).as("no retry: the leader takes it").isEmpty();
    assertThat(deleted.isRemoveFinalizer())
        .as("the finalizer stays for the leader, which revokes the tokens")
        .isFalse();
    assertThat(deleted.getScheduleDelay()).isEmpty();
  }
}
