package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadyConditionTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void aChangedReasonWithTheSameStatusKeepsTheTransitionTime() {
    List<Condition> before =
        ReadyCondition.replace(
            List.of(), true, "TokenValid", "ok", 1L, Instant.parse("2025-05-01T00:00:00Z"));

    List<Condition> after =
        ReadyCondition.replace(before, true, "RotationFailed", "failing", 2L, NOW);

    assertThat(after.get(0).getLastTransitionTime()).isEqualTo("2025-05-01T00:00:00Z");
    assertThat(after.get(0).getReason()).isEqualTo("RotationFailed");
    assertThat(after.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void aFlippedStatusMovesTheTransitionTime() {
    List<Condition> before =
        ReadyCondition.replace(
            List.of(), true, "TokenValid", "ok", 1L, Instant.parse("2025-05-01T00:00:00Z"));

    List<Condition> after = ReadyCondition.replace(before, false, "Sealed", "sealed", 1L, NOW);

    assertThat(after.get(0).getLastTransitionTime()).isEqualTo("2025-06-01T12:00:00Z");
  }

  @Test
  void otherConditionsAreKept() {
    Condition other = new ConditionBuilder().withType("Progressing").withStatus("True").build();

    List<Condition> after =
        ReadyCondition.replace(List.of(other), true, "TokenValid", "ok", 1L, NOW);

    assertThat(after).extracting(Condition::getType).containsExactly("Ready", "Progressing");
  }
}
