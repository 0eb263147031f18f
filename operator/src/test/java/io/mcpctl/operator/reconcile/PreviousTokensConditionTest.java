package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreviousTokensConditionTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static TokenSecretState.Predecessor waiting(int slot, String revokeAfter) {
    return new TokenSecretState.Predecessor(
        new PreviousSlot(slot),
        Optional.of(Instant.parse("2025-06-01T" + revokeAfter + "Z")),
        Optional.of(NOW.minusSeconds(60L * slot)));
  }

  private static TokenSecretState secret(TokenSecretState.Predecessor... predecessors) {
    return new TokenSecretState(false, List.of(predecessors), Optional.of(NOW), Optional.empty());
  }

  private static Optional<Condition> condition(TokenSecretState secret, PredecessorHold hold) {
    return PreviousTokensCondition.conditions(List.of(), secret, hold, 1L, NOW).stream()
        .filter(c -> c.getType().equals(ReadyReasons.PREVIOUS_TOKENS_WAITING_CONDITION))
        .findFirst();
  }

  @Test
  void aTokenThatOnlyWaitsOutItsGracePeriodIsNotWorthACondition() {
    assertThat(condition(secret(waiting(1, "12:02:00")), PredecessorHold.none())).isEmpty();
    assertThat(condition(TokenSecretState.currentOnly(), PredecessorHold.none())).isEmpty();
  }

  @Test
  void aTokenHeldForPodsSaysWhenItGoesAtTheLatest() {
    PredecessorHold held =
        PredecessorHold.held(
            Map.of(PreviousSlot.NEWEST, Instant.parse("2025-06-01T12:59:00Z")),
            NOW.plusSeconds(60));

    Condition condition = condition(secret(waiting(1, "12:02:00")), held).orElseThrow();

    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getReason()).isEqualTo(ReadyReasons.HELD_FOR_CONSUMERS);
    assertThat(condition.getMessage())
        .isEqualTo(
            "1 replaced token waits for revocation: previous-token at 2025-06-01T12:59:00Z unless"
                + " the pods holding it move sooner.");
  }

  @Test
  void everySlotTakenSaysTheRotationWaitsAndUntilWhen() {
    TokenSecretState full =
        secret(
            waiting(1, "12:05:00"),
            waiting(2, "12:04:00"),
            waiting(3, "12:03:00"),
            waiting(4, "12:02:00"),
            waiting(5, "12:01:00"));

    Condition condition = condition(full, PredecessorHold.none()).orElseThrow();

    assertThat(condition.getReason()).isEqualTo(ReadyReasons.ALL_SLOTS_TAKEN);
    assertThat(condition.getMessage())
        .startsWith(
            "5 replaced tokens wait for revocation: previous-token at 2025-06-01T12:05:00Z,")
        .endsWith(
            "All 5 slots are taken: the next rotation waits until 2025-06-01T12:01:00Z (rotate"
                + " --revoke-previous revokes them now).");
  }
}
