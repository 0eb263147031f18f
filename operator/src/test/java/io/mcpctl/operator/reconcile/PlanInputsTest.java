package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.schedule.NextAction;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.TokenSecretState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanInputsTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:05:00Z");
  private static final ReconcilePlanner PLANNER = new ReconcilePlanner(Duration.ofHours(1));

  @Test
  void aBackendOverruledAsADuplicateDefaultIsCheckedAgainSoonNotAtTheHourlyCheck() {
    SecretBackend overruled = checkedAtTen(ReadyReasons.DUPLICATE_DEFAULT);
    SecretBackend working = checkedAtTen(ReadyReasons.TOKEN_VALID);

    assertThat(plan(overruled)).isEqualTo(new NextAction.CheckToken());
    assertThat(plan(working)).isEqualTo(new NextAction.NothingDue());
  }

  private static NextAction plan(SecretBackend backend) {
    return PlanInputs.of(backend, false, Optional.empty())
        .plan(PLANNER, TokenSecretState.currentOnly(), PredecessorHold.none(), NOW)
        .action();
  }

  private static SecretBackend checkedAtTen(String readyReason) {
    SecretBackend backend = new SecretBackend();
    backend.setMetadata(
        new ObjectMetaBuilder().withName("b").withNamespace("team-a").withGeneration(1L).build());
    SecretBackendStatus status = new SecretBackendStatus();
    status.setObservedGeneration(1L);
    TokenMeta meta = new TokenMeta();
    meta.setLastCheckedAt("2026-12-07T10:00:00Z");
    status.setTokenMeta(meta);
    status.setConditions(
        ReadyCondition.replace(
            List.of(),
            readyReason.equals(ReadyReasons.TOKEN_VALID),
            readyReason,
            "as found",
            1L,
            NOW.minusSeconds(300)));
    backend.setStatus(status);
    return backend;
  }
}
