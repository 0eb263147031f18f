package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PeriodCapTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  /** One row: the period in status, and the condition's message start it should lead to. */
  record Case(String name, String period, Optional<String> message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("the full 720h period sets nothing", "720h", Optional.empty()),
        new Case(
            "a period capped at 168h is a True condition naming it",
            "168h",
            Optional.of("OpenBao capped the token period at 168h, shorter than the 720h")),
        new Case("an unknown period sets nothing", null, Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aPeriodShorterThanTheRoleAsksForIsACondition(Case row) {
    Optional<Condition> capped =
        PeriodCap.conditions(List.of(), true, row.period(), 3L, NOW).stream()
            .filter(c -> c.getType().equals(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION))
            .findFirst();
    assertThat(capped.isPresent()).isEqualTo(row.message().isPresent());
    row.message().ifPresent(start -> assertThat(capped.get().getMessage()).startsWith(start));
    capped.ifPresent(
        c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo(ReadyReasons.PERIOD_CAPPED);
        });
  }

  @Test
  void theConditionGoesOnceTheFullPeriodIsGranted() {
    List<Condition> capped = PeriodCap.conditions(List.of(), true, "168h", 3L, NOW);
    List<Condition> after = PeriodCap.conditions(capped, true, "720h", 3L, NOW);
    assertThat(after)
        .noneMatch(c -> c.getType().equals(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION));
  }

  @Test
  void theConditionGoesOnceRotationIsTurnedOffWhateverThePeriod() {
    List<Condition> capped = PeriodCap.conditions(List.of(), true, "168h", 3L, NOW);
    assertThat(capped)
        .anyMatch(c -> c.getType().equals(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION));

    assertThat(PeriodCap.conditions(capped, false, "168h", 3L, NOW))
        .noneMatch(c -> c.getType().equals(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION));
    assertThat(PeriodCap.conditions(capped, false, null, 3L, NOW))
        .noneMatch(c -> c.getType().equals(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION));
  }
}
