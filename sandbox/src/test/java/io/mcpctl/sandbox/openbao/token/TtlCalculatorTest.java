package io.mcpctl.sandbox.openbao.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OpenBao's CalculateTTL, as token creation and renewal use it. */
class TtlCalculatorTest {
  private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");

  private static final LeaseLimits DEFAULT_LIMITS =
      new LeaseLimits(LeaseLimits.ServerTtls.DEFAULTS);

  @Test
  void aPeriodIgnoresTheIncrementAndHasNoOverallLimit() {
    TtlCalculator.Result result =
        TtlCalculator.calculate(
            Duration.ofHours(10),
            Duration.ofHours(1),
            Duration.ofHours(720),
            Duration.ZERO,
            ISSUED,
            ISSUED.plus(Duration.ofDays(400)),
            DEFAULT_LIMITS);
    assertThat(result.ttl()).isEqualTo(Duration.ofHours(720));
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void aPeriodAboveTheSystemMaxIsCappedPerRenewalWithAWarning() {
    TtlCalculator.Result result =
        TtlCalculator.calculate(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofHours(1000),
            Duration.ZERO,
            ISSUED,
            ISSUED,
            DEFAULT_LIMITS);
    assertThat(result.ttl()).isEqualTo(Duration.ofHours(768));
    assertThat(result.warnings())
        .containsExactly(
            "period of \"1000h\" exceeded the effective max_ttl of \"768h\"; period value is capped accordingly");
  }

  @Test
  void aPeriodicTokenStillObeysAnExplicitMaxFromIssueTime() {
    TtlCalculator.Result result =
        TtlCalculator.calculate(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofHours(1),
            Duration.ofHours(2),
            ISSUED,
            ISSUED.plus(Duration.ofMinutes(90)),
            DEFAULT_LIMITS);
    assertThat(result.ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(result.warnings())
        .containsExactly(
            "TTL of \"1h\" exceeded the effective max_ttl of \"30m\"; TTL value is capped accordingly");
  }

  @Test
  void withoutIncrementTheLastTtlIsReusedAndWithoutEitherTheDefault() {
    assertThat(
            TtlCalculator.calculate(
                    Duration.ZERO,
                    Duration.ofMinutes(45),
                    Duration.ZERO,
                    Duration.ZERO,
                    ISSUED,
                    ISSUED,
                    DEFAULT_LIMITS)
                .ttl())
        .isEqualTo(Duration.ofMinutes(45));
    assertThat(
            TtlCalculator.calculate(
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    ISSUED,
                    ISSUED,
                    DEFAULT_LIMITS)
                .ttl())
        .isEqualTo(Duration.ofHours(768));
  }

  @Test
  void nonPeriodicTokensNeverOutliveIssuePlusTheSystemMax() {
    TtlCalculator.Result result =
        TtlCalculator.calculate(
            Duration.ofHours(48),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            ISSUED,
            ISSUED.plus(Duration.ofHours(767)),
            DEFAULT_LIMITS);
    assertThat(result.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(result.warnings())
        .containsExactly(
            "TTL of \"48h\" exceeded the effective max_ttl of \"1h\"; TTL value is capped accordingly");
    assertThatThrownBy(
            () ->
                TtlCalculator.calculate(
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    ISSUED,
                    ISSUED.plus(Duration.ofHours(768)),
                    DEFAULT_LIMITS))
        .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(500));
  }

  @Test
  void humanDurationsDropZeroParts() {
    assertThat(TtlCalculator.human(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(TtlCalculator.human(Duration.ofMinutes(150))).isEqualTo("2h30m");
    assertThat(TtlCalculator.human(Duration.ofSeconds(3605))).isEqualTo("1h5s");
    assertThat(TtlCalculator.human(Duration.ofSeconds(59))).isEqualTo("59s");
  }

  @Test
  void aServerWithALowerMaxLeaseTtlCapsThePeriodWithAWarning() {
    LeaseLimits limits =
        new LeaseLimits(new LeaseLimits.ServerTtls(Duration.ofHours(24), Duration.ofHours(168)));
    TtlCalculator.Result result =
        TtlCalculator.calculate(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofHours(720),
            Duration.ZERO,
            ISSUED,
            ISSUED,
            limits);
    assertThat(result.ttl()).isEqualTo(Duration.ofHours(168));
    assertThat(result.warnings())
        .containsExactly(
            "period of \"720h\" exceeded the effective max_ttl of \"168h\"; period value is capped accordingly");
  }
}
